/**
 * WorkdirRelativePath: the first WORKDIR of a stage (and the stages it is built on) is relative, so where it lands
 * depends on the base image's working directory. The fix writes the absolute path where layerfix knows that directory
 * (`scratch`, an official image it knows, an earlier absolute WORKDIR); BuildKit resolves the relative path to the same
 * place, so the build is the same (on by default).
 *
 * BuildKit joins a relative path to the directory before it with Go's `path.Join`, which cleans it (no trailing slash),
 * and keeps an absolute one as written (`NormalizePath` in util/system/path.go): the fix writes the cleaned path, or
 * the image's WorkingDir would change (`app/` is `/app`, `/app/` stays `/app/`). It declines where the directory
 * before may not be the one layerfix read: a base named with a variable in its repository (a build argument picks
 * another image), an `onbuild` image or a php variant that sets no WORKDIR, a Windows base or platform, and a parent
 * stage with an `ONBUILD WORKDIR` (BuildKit runs a parent stage's triggers in the stage built on it).
 */
import { posix } from 'node:path';
import { goQuote, type InstructionView, type Stage } from '../../src/engine/index.js';
import { pathScopes, IMAGE_WORKDIR, isWindowsImage, stageBases, type StageBase } from '../../src/analysis/index.js';
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
    const bases = stageBases(ctx.root);
    const firsts = firstWorkdirs(check.facts.stages, bases).filter(({ view }) => !ABSOLUTE.test(view.args));
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
      const doubt = ctx.options.fix && plain ? doubtBefore(stage, check.facts.stages, bases) : undefined;
      const before = ctx.options.fix && plain && !doubt ? pathScopes(ctx.root).get(view.node)?.workdir : undefined;
      if (before === undefined || before.startsWith(IMAGE_WORKDIR)) {
        if (ctx.options.fix)
          check.declined(
            view.node,
            !plain
              ? `Kept WORKDIR ${view.args}: it is written with variables or quotes`
              : doubt
                ? `Kept WORKDIR ${view.args}: ${doubt}`
                : `Kept WORKDIR ${view.args}: the working directory before it comes from the base image, which layerfix does not know`,
          );
        check.warn(
          view.node,
          `Relative workdir ${goQuote(path)} can have unexpected results if the base image changes`,
        );
        continue;
      }
      const absolute = goJoin(before, path);
      const created = ctx.edit.editLogical(view.node, [{ start: view.argsStart, end: view.argsEnd, text: absolute }]);
      check.fixed(created, {
        done: `Wrote WORKDIR ${path} as ${absolute}`,
        planned: `Would write WORKDIR ${path} as ${absolute}`,
      });
    }
  },
});

/** Go's `path.Join(before, path)`: joined and cleaned, with no trailing slash but for the root. */
function goJoin(before: string, path: string): string {
  const joined = posix.join('/', before, path);
  return joined.length > 1 ? joined.replace(/\/+$/, '') : joined;
}

/**
 * Why the working directory before the first WORKDIR of `stage` may not be the one layerfix read, walking the stages
 * it is built on to the image; undefined when nothing casts doubt on it.
 */
function doubtBefore(stage: Stage, all: readonly Stage[], bases: ReadonlyMap<Stage, StageBase>): string | undefined {
  const seen = new Set<Stage>();
  for (let current: Stage | undefined = stage; current && !seen.has(current);) {
    seen.add(current);
    const platform = current.from.flags.find((flag) => flag.name === 'platform')?.value;
    if (platform && /windows/i.test(platform))
      return `stage ${current.name ?? current.index} is built for Windows (${platform})`;
    const base = bases.get(current);
    if (!base || 'unknown' in base) return undefined;
    if ('image' in base) return imageDoubt(current.base, base.image);
    const parent: Stage | undefined = all
      .slice(0, current.index)
      .reverse()
      .find((other) => other.name?.toLowerCase() === base.stage);
    const trigger = parent?.instructions.find((view) => view.name === 'onbuild' && /^\s*workdir\b/i.test(view.args));
    if (trigger)
      return `stage ${parent!.name} has an ONBUILD WORKDIR, which BuildKit runs before the instructions of a stage built on it`;
    current = parent;
  }
  return undefined;
}

/** Why the working directory of a base image (`written` in the FROM, `image` with the ARG defaults) may not be the one layerfix knows. */
function imageDoubt(written: string, image: string): string | undefined {
  const [repository, tag = ''] = splitReference(image);
  if (splitReference(written)[0].includes('$'))
    return `the base image ${written} is named with a build argument, and another image may set another working directory`;
  if (isWindowsImage(image)) return `the base image ${image} is a Windows image`;
  if (/onbuild/i.test(tag))
    return `the base image ${image} is an onbuild image, which sets its own working directory and ONBUILD triggers`;
  // php's apache and fpm variants set WORKDIR /var/www/html; the cli and zts ones (the default tags) set none.
  const [, writtenTag = ''] = splitReference(written);
  if (/(^|\/)php$/.test(repository) && !/(^|-)(apache|fpm)(-|$)/.test(writtenTag))
    return `the base image ${image} may be php's cli or zts variant, which sets no WORKDIR (only apache and fpm set /var/www/html)`;
  return undefined;
}

/** An image reference's repository (with its registry) and tag (digest left out). */
function splitReference(reference: string): [string, string | undefined] {
  const name = reference.split('@')[0];
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? [name.slice(0, colon), name.slice(colon + 1)] : [name, undefined];
}

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
