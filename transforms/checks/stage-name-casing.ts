/**
 * StageNameCasing: a stage name given with `AS` should be lower case. BuildKit stores the name lower-cased and matches
 * `COPY --from`, `RUN --mount=from=` and `--target` against it in any case, so the fix writes the name and those
 * references in lower case and the build stays the same; on by default. A `FROM` is different: BuildKit looks its
 * (expanded) text up among the lower-cased names as written (`dispatchStates.addState` in dockerfile2llb/convert.go),
 * so `FROM Builder` names the image `Builder`, not the stage, and fails to parse as a reference. The fix leaves such a
 * `FROM` as it is: written as `builder` it would name the stage, and a build that failed would build.
 */
import {
  stages,
  type InstructionNode,
  type InstructionView,
  type Root,
  type Stage,
  type TextEdit,
} from '../../src/engine/index.js';
import { defineCheck, fixOption, type CheckRun } from './support.js';

export default defineCheck({
  rule: 'StageNameCasing',
  description:
    "Report a stage name that is not lower case (BuildKit's StageNameCasing); the fix writes it and every reference to the stage in lower case, which builds the same (on by default).",
  meaning: 'declared',
  options: fixOption(
    true,
    'Write the stage name and every `COPY --from` and `RUN --mount=from=` reference to it in lower case (BuildKit matches those in any case, so the build is the same); a `FROM` naming it in another case is kept, since BuildKit reads that as an image.',
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
    // Said on every pass (only the last pass's skips are kept), once the names are lower case too.
    if (ctx.options.fix) keptFroms(stages(ctx.root), check);
  },
});

/** Report each FROM that names an earlier stage in another case: BuildKit reads it as an image, and the fix keeps it. */
function keptFroms(all: readonly Stage[], check: CheckRun): void {
  for (const later of all) {
    const lower = later.base.toLowerCase();
    if (later.base === lower || !check.on(later.from.node)) continue;
    if (!all.some((stage) => stage.index < later.index && stage.name?.toLowerCase() === lower)) continue;
    check.declined(
      later.from.node,
      `Kept FROM ${later.base}: BuildKit matches a FROM against stage names as written, so it names the image ${later.base}, not the stage ${lower}`,
    );
  }
}

/** The edits that write the stage's name and the literal references BuildKit matches in any case (COPY --from, mounts) as `lower`. */
function referenceEdits(root: Root, stage: Stage, lower: string): Map<InstructionNode, TextEdit[]> {
  const out = new Map<InstructionNode, TextEdit[]>();
  const add = (node: InstructionNode, edit: TextEdit) => out.set(node, [...(out.get(node) ?? []), edit]);
  const from = stage.from;
  const alias = /^(\S+[\t\v\f\r ]+\S+[\t\v\f\r ]+)(\S+)/.exec(from.args);
  if (alias)
    add(from.node, { start: from.argsStart + alias[1].length, end: from.argsStart + alias[0].length, text: lower });
  for (const later of stages(root).slice(stage.index + 1)) {
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
