/**
 * yarn-cache-clean (hadolint DL3060): a RUN that installs with Yarn 1 (`yarn`, `yarn install`, `yarn add`) ends with
 * `yarn cache clean`, so Yarn's package cache does not stay in its layer; what is installed stays the same. Declined
 * where the cache is meant to stay: a cache mount, a later RUN that installs offline, a stage that copies the cache
 * from this one, or a project on Yarn 2 or later, whose `yarn cache clean` would also empty the project's
 * `.yarn/cache` (read at run time by Plug'n'Play).
 */
import { posix } from 'node:path';
import {
  defineTransform,
  docsUrl,
  stages,
  type ContextOf,
  type InstructionNode,
  type InstructionView,
} from '../src/engine/index.js';
import {
  appendBlocker,
  appendEdit,
  cacheMountTargets,
  copyWords,
  editableRuns,
  isUnder,
  openBuildContext,
  pathScopes,
  referencedStage,
  stageFamilyAfter,
  stageReferences,
  unwrapCommand,
} from '../src/analysis/index.js';

const options = {} as const;

type Context = ContextOf<typeof options>;

const MENTION = /\byarn\b/;
/** Subcommands that fill the cache (no subcommand: `yarn` installs). */
const INSTALLS = new Set(['', 'install', 'add']);

export default defineTransform({
  name: 'yarn-cache-clean',
  description:
    'End a RUN that installs with Yarn 1 with `yarn cache clean`, when it is a plain `&&` chain (hadolint DL3060); declined for Yarn 2+ projects, cache mounts and later offline installs.',
  url: docsUrl('transforms.md', 'yarn-cache-clean'),
  defaultEnabled: false,
  meaning: 'declared',
  options,
  run(ctx) {
    let berry: string | undefined | null = null;
    for (const { node, run, at, skip } of editableRuns(
      ctx,
      MENTION,
      (at) => `Did not add \`yarn cache clean\` to RUN at ${at}`,
    )) {
      const yarns = run.shell.commands
        .map((command) => ({ command, read: unwrapCommand(command) }))
        .filter(({ read }) => read?.name.replace(/^.*\//, '') === 'yarn');
      const subcommand = (args: NonNullable<ReturnType<typeof unwrapCommand>>['args']) =>
        args.find((word) => !(word.value ?? '').startsWith('-'))?.value ?? '';
      const installs = yarns.filter(({ read }) => INSTALLS.has(subcommand(read!.args)));
      if (!installs.length) continue;
      const last = installs[installs.length - 1].command;
      if (yarns.some(({ command, read }) => command.start >= last.end && subcommand(read!.args) === 'cache')) continue;
      berry = berry === null ? yarnBerry(ctx) : berry;
      const mount = cacheMountTargets(run.view)[0];
      const blocker =
        berry ??
        (mount
          ? `it has a cache mount on ${mount}, which keeps Yarn's cache between builds on purpose`
          : (cacheReadLater(ctx, node) ?? appendBlocker(run.shell)));
      if (blocker) {
        skip(blocker);
        continue;
      }
      const what = `\`yarn cache clean\` to RUN at ${at}, so Yarn's cache does not stay in its layer (hadolint DL3060)`;
      ctx.changed(
        { done: `Appended ${what}`, planned: `Would append ${what}` },
        ctx.edit.editWords(node, [appendEdit(ctx, run, 'yarn cache clean')]),
      );
    }
  },
});

/** Why the project may use Yarn 2 or later (reading its build context), or undefined when it is known to use Yarn 1. */
function yarnBerry(ctx: Context): string | undefined {
  if (ctx.build.contextUnknown) return `the Yarn version is not known: ${ctx.build.contextUnknown}`;
  const lookup = openBuildContext(ctx.file.path, ctx.build.context ?? '', ctx.build.ignoreFile);
  if (!('context' in lookup)) return `the Yarn version is not known: ${lookup.reason}`;
  const { context } = lookup;
  if (context.has('.yarnrc.yml') || context.has('.yarn/releases'))
    return "the project uses Yarn 2 or later (.yarnrc.yml), whose `yarn cache clean` empties the project's .yarn/cache";
  const manifest = context.read('package.json');
  if (manifest === undefined) return 'the build context has no package.json, so the Yarn version is not known';
  let packageManager: unknown;
  try {
    packageManager = (JSON.parse(manifest) as { packageManager?: unknown }).packageManager;
  } catch {
    return 'its package.json does not parse, so the Yarn version is not known';
  }
  if (typeof packageManager === 'string' && /^yarn@(?!1\.)/.test(packageManager))
    return `package.json asks for ${packageManager}, whose \`yarn cache clean\` empties the project's .yarn/cache`;
  if (!context.has('yarn.lock')) return 'the build context has no yarn.lock, so the Yarn version is not known';
  const lock = context.read('yarn.lock') ?? '';
  return /^# yarn lockfile v1/m.test(lock) ? undefined : 'its yarn.lock is not a Yarn 1 lockfile';
}

/** Where Yarn 1 keeps its cache: root's in the node images, another user's home, or YARN_CACHE_FOLDER. */
const CACHE_FOLDERS = ['/usr/local/share/.cache/yarn', '/root/.cache/yarn', '/home'];

/**
 * Why the cache a RUN fills is read later: a later RUN (in the stage or a stage built on it) installs `--offline`,
 * or another stage copies or mounts from those stages a folder that may hold it.
 */
function cacheReadLater(ctx: Context, node: InstructionNode): string | undefined {
  const { later, family } = stageFamilyAfter(ctx.root, node);
  const line = (view: InstructionView) => ctx.edit.originOf(view.node).position?.start.line;
  const offline = later.find((view) => view.name === 'run' && /\byarn\b[^&|;]*--(prefer-)?offline/.test(view.args));
  if (offline) return `the RUN at line ${line(offline)} installs offline from Yarn's cache`;
  const all = stages(ctx.root);
  const folder = pathScopes(ctx.root).get(node)?.env.get('YARN_CACHE_FOLDER');
  const folders = [...CACHE_FOLDERS, ...(folder ? [folder] : [])];
  for (const stage of all) {
    for (const view of stage.instructions) {
      const refs = stageReferences(view).map((ref) => referencedStage(all, ref, stage.index));
      if (!refs.some((ref) => ref && family.includes(ref))) continue;
      const sources = view.name === 'run' ? mountSources(view) : (copyWords(view)?.slice(0, -1) ?? ['/']);
      const holds = sources.some(
        (source) =>
          /[$*?[]/.test(source) ||
          folders.some((at) => isUnder(posix.resolve('/', source), at) || isUnder(at, posix.resolve('/', source))),
      );
      if (holds)
        return `the ${view.keyword.toUpperCase()} at line ${line(view)} takes ${sources.join(', ')} from this stage, where Yarn's cache may be`;
    }
  }
  return undefined;
}

/** The `source=` of each RUN mount that reads from a stage (`/` when it names none). */
function mountSources(view: InstructionView): string[] {
  return view.flags
    .filter((flag) => flag.name === 'mount' && flag.fields?.some((field) => field.key === 'from'))
    .map((flag) => flag.fields?.find((field) => field.key === 'source' || field.key === 'src')?.value ?? '/');
}
