/**
 * oci-source-label: the image a Dockerfile builds (its final stage) carries `LABEL org.opencontainers.image.source`,
 * which registries use to link an image to its repository. When it is missing, it is added right after the final
 * stage's FROM with the value of the `source` option; without that option the file is reported.
 */
import { defineTransform, print, stages, type Stage } from 'layerfix';

const KEY = 'org.opencontainers.image.source';

/** A label value in double quotes, with `"`, `$` and the escape character escaped by the file's escape character. */
function quote(value: string, escape: string): string {
  return `"${[...value].map((ch) => (ch === '"' || ch === '$' || ch === escape ? escape + ch : ch)).join('')}"`;
}

/** Whether a stage sets the label itself. */
function setsLabel(stage: Stage): boolean {
  return stage.instructions.some(
    (view) =>
      view.name === 'label' && (view.pairs ?? []).some((pair) => pair.key.replace(/^(["'])(.*)\1$/, '$2') === KEY),
  );
}

export default defineTransform({
  name: 'oci-source-label',
  description: `Require LABEL ${KEY} in the final stage; add it from the source option when missing.`,
  url: 'examples/plugins/README.md#oci-source-label',
  defaultEnabled: true,
  meaning: 'declared',
  options: {
    source: {
      type: 'string',
      default: '',
      description: 'The repository URL to write when the label is missing (empty: report only).',
    },
  },
  run(context) {
    const all = stages(context.root);
    const final = all.at(-1);
    if (!final || !context.enabledFor(final.from.node)) return;
    // Labels are inherited: a final stage built FROM an earlier stage has that stage's labels.
    const byName = new Map(all.filter((stage) => stage.name).map((stage) => [stage.name!.toLowerCase(), stage]));
    for (
      let stage: Stage | undefined = final, hops = 0;
      stage && hops <= all.length;
      stage = byName.get(stage.base.toLowerCase()), hops++
    ) {
      if (setsLabel(stage)) return;
    }
    const source = context.options.source;
    if (!source) {
      context.skipped(`The final stage has no LABEL ${KEY}; set the source option to add one`, final.from.node);
      return;
    }
    if (/[\r\n]/.test(source))
      throw new Error(`oci-source-label: the source option must be one line, got ${JSON.stringify(source)}`);
    const { eol, escape, keywordCase } = context.style;
    const line = `${keywordCase === 'lower' ? 'label' : 'LABEL'} ${KEY}=${quote(source, escape)}${eol}`;
    let from = final.from.node;
    const fromText = print(from);
    if (!fromText.endsWith('\n')) from = context.edit.replace(from, fromText + eol, 'same');
    const next = context.root.children[context.root.children.indexOf(from) + 1];
    if (next) context.edit.insertBefore(next, line);
    else context.edit.moveBefore([from], context.edit.insertBefore(from, line)[0]);
    context.changed(
      {
        done: `Added LABEL ${KEY}=${quote(source, escape)} after the final stage's FROM`,
        planned: `Would add LABEL ${KEY}=${quote(source, escape)} after the final stage's FROM`,
      },
      final.from.node,
    );
  },
});
