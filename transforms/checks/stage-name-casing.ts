/**
 * StageNameCasing: a stage name given with `AS` should be lower case. BuildKit reads stage names lower-cased wherever
 * they are used (`FROM`, `COPY --from`, `RUN --mount=from=`, `--target`), so the fix writes the name and every literal
 * reference to the stage in lower case and the build stays the same; on by default.
 */
import {
  stages,
  type InstructionNode,
  type InstructionView,
  type Root,
  type Stage,
  type TextEdit,
} from '../../src/engine/index.js';
import { stageBases } from '../../src/analysis/index.js';
import { defineCheck, fixOption } from './support.js';

export default defineCheck({
  rule: 'StageNameCasing',
  description:
    "Report a stage name that is not lower case (BuildKit's StageNameCasing); the fix writes it and every reference to the stage in lower case, which builds the same (on by default).",
  meaning: 'declared',
  options: fixOption(
    true,
    'Write the stage name and every `FROM`, `COPY --from` and `RUN --mount=from=` reference to it in lower case (BuildKit matches stage names in any case, so the build is the same).',
  ),
  run(ctx, check) {
    // A fix replaces instructions of later stages too: the stages are read again after each.
    for (let i = 0, all = check.facts.stages; i < all.length; i++, all = stages(ctx.root)) {
      const stage = all[i];
      const name = stage.from.buildkit.next.length === 3 ? String(stage.from.buildkit.next[2]) : undefined;
      if (name === undefined || name === name.toLowerCase() || !check.on(stage.from.node)) continue;
      const detail = `Stage name '${name}' should be lowercase`;
      const lower = name.toLowerCase();
      const twin = all.find((other) => other !== stage && other.name?.toLowerCase() === lower);
      if (!ctx.options.fix || twin) {
        if (twin)
          check.declined(
            stage.from.node,
            `Kept stage name ${name}: the stage at line ${twin.from.node.position?.start.line ?? '?'} has the same name`,
          );
        check.warn(stage.from.node, detail);
        continue;
      }
      const at = stage.from.node;
      for (const [node, edits] of referenceEdits(ctx.root, stage, lower)) ctx.edit.editLogical(node, edits);
      check.fixed(at, {
        done: `Wrote stage name ${name} and its references as ${lower}`,
        planned: `Would write stage name ${name} and its references as ${lower}`,
      });
    }
  },
});

/** The edits that write the stage's name and every literal reference to it (later FROMs, COPY --from, mounts) as `lower`. */
function referenceEdits(root: Root, stage: Stage, lower: string): Map<InstructionNode, TextEdit[]> {
  const out = new Map<InstructionNode, TextEdit[]>();
  const add = (node: InstructionNode, edit: TextEdit) => out.set(node, [...(out.get(node) ?? []), edit]);
  const from = stage.from;
  const alias = /^(\S+[\t\v\f\r ]+\S+[\t\v\f\r ]+)(\S+)/.exec(from.args);
  if (alias)
    add(from.node, { start: from.argsStart + alias[1].length, end: from.argsStart + alias[0].length, text: lower });
  const all = stages(root);
  const bases = stageBases(root);
  for (const later of all.slice(stage.index + 1)) {
    const base = bases.get(later);
    if (base && 'stage' in base && base.stage === lower && later.base.toLowerCase() === lower) {
      const image = /^\S+/.exec(later.from.args);
      if (image && image[0].toLowerCase() === lower)
        add(later.from.node, { start: later.from.argsStart, end: later.from.argsStart + image[0].length, text: lower });
    }
    for (const view of later.instructions) for (const edit of flagEdits(view, lower)) add(view.node, edit);
  }
  return out;
}

/** Edits of `COPY --from=<name>` and `RUN --mount=...,from=<name>` flags that name the stage in another case. */
function flagEdits(view: InstructionView, lower: string): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const flag of view.flags) {
    const raw = view.logical.text.slice(flag.start, flag.end);
    const pattern =
      flag.name === 'from' && view.name === 'copy'
        ? /^(--from=["']?)([^"',]+)/
        : flag.name === 'mount'
          ? /((?:^--mount=|,)["']?from=)([^"',]+)/i
          : undefined;
    const match = pattern?.exec(raw);
    if (!match || match[2].toLowerCase() !== lower || match[2] === lower) continue;
    const start = flag.start + match.index + match[1].length;
    edits.push({ start, end: start + match[2].length, text: lower });
  }
  return edits;
}
