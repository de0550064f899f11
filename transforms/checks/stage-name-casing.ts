/**
 * StageNameCasing: a stage name given with `AS` should be lower case. BuildKit stores the name lower-cased and matches
 * `COPY --from`, `RUN --mount=from=` and `--target` against it in any case, so the fix writes the name and those
 * references in lower case and the build stays the same; on by default. A `FROM` is different: BuildKit looks its
 * (expanded) text up among the lower-cased names as written (`dispatchStates.addState` in dockerfile2llb/convert.go),
 * so `FROM Builder` names the image `Builder`, not the stage, and fails to parse as a reference. podman and buildah
 * match a FROM and `--target` against the names as written, so such a FROM builds only with them: then, as where a
 * build file says they build it, no stage is renamed (it would no longer be found).
 */
import {
  stages,
  type InstructionNode,
  type InstructionView,
  type Root,
  type Stage,
  type TextEdit,
} from '../../src/engine/index.js';
import { defineCheck, fixOption, podmanMayBuild } from './support.js';

export default defineCheck({
  rule: 'StageNameCasing',
  description:
    "Report a stage name that is not lower case (BuildKit's StageNameCasing); the fix writes it and every reference to the stage in lower case, which builds the same (on by default).",
  meaning: 'declared',
  options: fixOption(
    true,
    'Write the stage name and every `COPY --from` and `RUN --mount=from=` reference to it in lower case (BuildKit matches those in any case, so the build is the same); declined where podman or buildah may build the file, as they match names as written.',
  ),
  run(ctx, check) {
    const line = (stage: Stage) => ctx.edit.originOf(stage.from.node).position?.start.line ?? '?';
    // A FROM naming a stage in upper case builds only with podman or buildah: they may build the file.
    const upper = check.facts.stages.find(
      (later) => later.base !== later.base.toLowerCase() && namesEarlierStage(check.facts.stages, later),
    );
    const podman = ctx.options.fix
      ? (podmanMayBuild(ctx) ??
        (upper
          ? `FROM ${upper.base} at line ${line(upper)}, which names a stage in upper case and builds only with them`
          : undefined))
      : undefined;
    // A fix replaces instructions of later stages too: the stages are read again after each.
    for (let i = 0, all = check.facts.stages; i < all.length; i++, all = stages(ctx.root)) {
      const stage = all[i];
      const name = stage.from.buildkit.next.length === 3 ? String(stage.from.buildkit.next[2]) : undefined;
      if (name === undefined || name === name.toLowerCase() || !check.on(stage.from.node)) continue;
      const detail = `Stage name '${name}' should be lowercase`;
      const lower = name.toLowerCase();
      const twin = all.find((other) => other !== stage && other.name?.toLowerCase() === lower);
      const why = twin
        ? `the stage at line ${line(twin)} has the same name`
        : podman
          ? `podman or buildah may build the file (${podman}), and they match FROM and --target against stage names as written`
          : undefined;
      if (!ctx.options.fix || why) {
        if (ctx.options.fix) check.declined(stage.from.node, `Kept stage name ${name}: ${why}`);
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

/** Whether a stage's FROM names an earlier stage, in any case. */
function namesEarlierStage(all: readonly Stage[], later: Stage): boolean {
  const lower = later.base.toLowerCase();
  return all.some((stage) => stage.index < later.index && stage.name?.toLowerCase() === lower);
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
