/**
 * WorkdirRelativePath: the first WORKDIR of a stage (and the stages it is built on) is relative, so where it lands
 * depends on the base image's working directory. The fix writes the absolute path where layerfix knows that directory
 * (`scratch`, an official image it knows, an earlier absolute WORKDIR); BuildKit resolves the relative path to the same
 * place, so the build is the same (on by default).
 */
import { posix } from 'node:path';
import { goQuote, type InstructionView, type Stage } from '../../src/engine/index.js';
import { pathScopes, IMAGE_WORKDIR, isWindowsImage, stageBases } from '../../src/analysis/index.js';
import { defineCheck, fixOption } from './support.js';
import { dispatchStates, expandAt } from './dispatch.js';

export default defineCheck({
  rule: 'WorkdirRelativePath',
  description:
    "Report a first WORKDIR that is relative (BuildKit's WorkdirRelativePath); the fix writes the absolute path where the working directory before it is known, which builds the same (on by default).",
  meaning: 'declared',
  options: fixOption(
    true,
    'Write the relative path as the absolute one, where the working directory before it is known (BuildKit resolves it to the same folder).',
  ),
  run(ctx, check) {
    if (!check.facts.names.has('workdir')) return;
    const firsts = firstWorkdirs(check.facts.stages, stageBases(ctx.root)).filter(
      ({ view }) => !ABSOLUTE.test(view.args),
    );
    for (const { stage, view, base } of firsts) {
      if (!check.dispatches(stage) || (base && isWindowsImage(base))) continue;
      // A path with no variable, quote or escape is itself; another is read with what is set before it.
      const plain = !/[$'"`\\]/.test(view.args);
      const path = plain
        ? view.args
        : expandAt(view.args, dispatchStates(ctx.root, ctx.build.args).get(view.node), ctx.root.data.escape);
      if (path === undefined) {
        if (check.on(view.node))
          check.declined(
            view.node,
            `Cannot tell whether WORKDIR ${view.args} is relative: it uses a variable layerfix cannot evaluate or the base image may set`,
          );
        continue;
      }
      if (ABSOLUTE.test(path) || !check.on(view.node)) continue;
      const before = ctx.options.fix && plain ? pathScopes(ctx.root).get(view.node)?.workdir : undefined;
      if (before === undefined || before.startsWith(IMAGE_WORKDIR)) {
        if (ctx.options.fix)
          check.declined(
            view.node,
            !plain
              ? `Kept WORKDIR ${view.args}: it is written with variables or quotes`
              : `Kept WORKDIR ${view.args}: the working directory before it comes from the base image, which layerfix does not know`,
          );
        check.warn(
          view.node,
          `Relative workdir ${goQuote(path)} can have unexpected results if the base image changes`,
        );
        continue;
      }
      const absolute = posix.join(before, path);
      const created = ctx.edit.editLogical(view.node, [{ start: view.argsStart, end: view.argsEnd, text: absolute }]);
      check.fixed(created, {
        done: `Wrote WORKDIR ${path} as ${absolute}`,
        planned: `Would write WORKDIR ${path} as ${absolute}`,
      });
    }
  },
});

/** An absolute path: rooted, or with a drive or a backslash root (`C:/app`, `\app`), absolute in a Windows stage, which a base image can be. */
const ABSOLUTE = /^([A-Za-z]:)?[\\/]/;

/**
 * The first WORKDIR of each stage and the stages it is built on (BuildKit checks only that one: the others are fixed
 * with it), with its stage and, for a stage built on an image, the image.
 */
function firstWorkdirs(
  all: readonly Stage[],
  bases: ReturnType<typeof stageBases>,
): Array<{ stage: Stage; view: InstructionView; base: string | undefined }> {
  const out: Array<{ stage: Stage; view: InstructionView; base: string | undefined }> = [];
  const setAtEnd = new Map<string, boolean>();
  for (const stage of all) {
    const base = bases.get(stage);
    let set = base && 'stage' in base ? (setAtEnd.get(base.stage) ?? false) : false;
    for (const view of stage.instructions) {
      if (view.name !== 'workdir') continue;
      if (!set) out.push({ stage, view, base: base && 'image' in base ? base.image : undefined });
      set = true;
    }
    if (stage.name) setAtEnd.set(stage.name.toLowerCase(), set);
  }
  return out;
}
