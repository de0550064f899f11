/**
 * yarn-cache-clean (hadolint DL3060): a RUN that installs with Yarn 1 (`yarn`, `yarn install`, `yarn add`) ends with
 * `yarn cache clean`, so Yarn's package cache does not stay in its layer; what is installed stays the same. Declined
 * where the cache is meant to stay: a cache mount, a later RUN that installs offline, or a project on Yarn 2 or later,
 * whose `yarn cache clean` would also empty the project's `.yarn/cache` (read at run time by Plug'n'Play).
 */
import { defineTransform, docsUrl, stages, type ContextOf, type InstructionNode } from '../src/engine/index.js';
import {
  appendBlocker,
  appendEdit,
  cacheMountTargets,
  editableRuns,
  openBuildContext,
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
      const offline = laterOfflineInstall(ctx, node);
      const blocker =
        berry ??
        (mount
          ? `it has a cache mount on ${mount}, which keeps Yarn's cache between builds on purpose`
          : offline
            ? `the RUN at line ${offline} installs offline from Yarn's cache`
            : appendBlocker(run.shell));
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

/** The line of a later RUN (in the stage or a stage built on it) that installs with `--offline`, if any. */
function laterOfflineInstall(ctx: Context, node: InstructionNode): number | undefined {
  const all = stages(ctx.root);
  const home = all.find((stage) => stage.instructions.some((view) => view.node === node));
  if (!home) return undefined;
  const family = new Set([home.name?.toLowerCase()].filter(Boolean));
  const later = home.instructions.slice(home.instructions.findIndex((view) => view.node === node) + 1);
  for (const stage of all.slice(home.index + 1)) {
    if (!family.has(stage.base.toLowerCase())) continue;
    if (stage.name) family.add(stage.name.toLowerCase());
    later.push(...stage.instructions);
  }
  const found = later.find((view) => view.name === 'run' && /\byarn\b[^&|;]*--(prefer-)?offline/.test(view.args));
  return found ? ctx.edit.originOf(found.node).position?.start.line : undefined;
}
