/**
 * The text of the files `layerfix new-transform` creates: the transform module, its first fixture and, when there is
 * no configuration yet, `layerfix.config.ts`.
 */

/** The name of the first fixture case. */
export const FIRST_CASE = 'lower-case-keywords';

/** A typed transform module that already passes its fixture: keywords in one case, an option, an edit, messages. */
export function transformModule(name: string): string {
  return `/**
 * ${name}: TODO say which team convention this transform applies.
 *
 * Scaffolded by \`layerfix new-transform\` as a working example (instruction keywords in one case) so that its first
 * fixture passes. Replace \`run\` with your convention and the cases in \`__fixtures__/${name}/\` with yours.
 */
import { defineTransform } from 'layerfix';

export default defineTransform({
  name: '${name}',
  description: 'TODO: say in one line what ${name} does.',
  url: './layerfix/${name}.ts',
  defaultEnabled: true,
  // 'layout' when the image stays the same; 'declared' when each edit declares the instruction it makes.
  meaning: 'layout',
  options: {
    keywordCase: { type: 'enum', default: 'upper', values: ['upper', 'lower'], description: 'Case of instruction keywords.' },
  },
  run(context) {
    for (const view of context.instructions()) {
      // A \`# layerfix-disable-next-line ${name}\` comment turns the transform off for one instruction.
      if (!context.enabledFor(view.node)) continue;
      const wanted = context.options.keywordCase === 'upper' ? view.keyword.toUpperCase() : view.keyword.toLowerCase();
      if (view.keyword === wanted) continue;
      const start = view.node.position?.start;
      // Edit through the editor, in offsets of the logical line: the bytes around the edit stay as they were, and the
      // meaning guard checks the printed file against the new line.
      const node = context.edit.editLogical(view.node, [{ start: view.keywordStart, end: view.keywordEnd, text: wanted }]);
      // Said both ways: a dry run or --check says what would happen, --write what happened.
      const at = \`\${start?.line}:\${start?.column}\`;
      context.changed({ done: \`Wrote \${wanted} at \${at}\`, planned: \`Would write \${wanted} at \${at}\` }, node);
    }
  },
});
`;
}

/** The first fixture's input: lower-case keywords. */
export const FIXTURE_INPUT = 'from alpine:3.20\nrun echo hello\n';

/** The first fixture's expected output. */
export const FIXTURE_OUTPUT = 'FROM alpine:3.20\nRUN echo hello\n';

/** The first fixture's expected messages. */
export const FIXTURE_MESSAGES = '1:1 change: Wrote FROM at 1:1\n2:1 change: Wrote RUN at 2:1\n';

/** A new `layerfix.config.ts` that lists one plugin. */
export function configModule(specifier: string): string {
  return `import { defineConfig } from 'layerfix';

export default defineConfig({
  plugins: ['${specifier}'],
});
`;
}
