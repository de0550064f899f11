/**
 * apt-get-hygiene: every RUN that installs with apt-get updates its package lists in the same RUN (so a cached
 * update layer cannot go stale), installs with `-y` and `--no-install-recommends`, and removes the lists at the end
 * of the same RUN (so they do not stay in its layer); `apt` is written `apt-get`. hadolint's DL3009 (lists),
 * DL3014 (`-y`), DL3015 (recommends) and DL3027 (`apt`).
 */
import {
  defineTransform,
  docsUrl,
  effectiveCommand,
  instructionView,
  positionText,
  stages,
  type InstructionNode,
  type InstructionView,
  type PosixShellView,
  type ShellCommand,
  type ShellView,
  type ShellWord,
  type Stage,
  type ContextOf,
  type WordEdit,
} from '../src/engine/index.js';
import {
  appendBlocker,
  appendEdit,
  cacheMountOver,
  editableRun,
  hasOption,
  networkNone,
  packageCommand,
  packageCommands,
  pathScopes,
  aptGetDeletesDownloads,
  stageLineage,
  stageFamilyAfter,
  removesPath,
  runEffects,
  runScopeOf,
  shellsInEffect,
  subcommandOf,
  type EditableRun,
  type PackageCommand,
} from '../src/analysis/index.js';

const options = {
  update: {
    type: 'boolean',
    default: true,
    description:
      'Add `apt-get update &&` before the first install of a RUN that runs no update (a lone `RUN apt-get update` before it is reported: merge-runs joins the two).',
  },
  assumeYes: {
    type: 'boolean',
    default: true,
    description: 'Add `-y` to `apt-get install`, which otherwise stops the build at its prompt.',
  },
  noInstallRecommends: {
    type: 'boolean',
    default: true,
    description:
      'Add `--no-install-recommends` to `apt-get install` (installs fewer packages: one that only a recommendation brought in goes missing).',
  },
  cleanLists: {
    type: 'boolean',
    default: true,
    description:
      'Append `&& rm -rf /var/lib/apt/lists/*` to a RUN that updates the lists, when it is a plain `&&` chain and no later RUN installs with those lists.',
  },
  aptGet: {
    type: 'boolean',
    default: true,
    description:
      "Write `apt` as `apt-get` for install, update, remove, purge and autoremove (hadolint DL3027: apt's command line is for people and may change); `apt` also deletes the downloaded packages, as the Debian and Ubuntu images do for both.",
  },
} as const;

type Context = ContextOf<typeof options>;

/** RUN text that may run apt. */
const MENTION = /\bapt(-get|-cache|itude)?\b/;
const APT_DIRS = ['/var/cache/apt', '/var/lib/apt'];
const LISTS = '/var/lib/apt/lists';
/** Subcommands `apt` runs as `apt-get` does (apt's `upgrade` also installs new packages, `apt-get upgrade` does not). */
const SAME_AS_APT_GET = new Set(['install', 'update', 'remove', 'purge', 'autoremove']);
/** Subcommands that read the package lists. */
const NEEDS_LISTS = new Set([
  'install',
  'upgrade',
  'dist-upgrade',
  'full-upgrade',
  'build-dep',
  'source',
  'download',
  'satisfy',
  'reinstall',
]);

export default defineTransform({
  name: 'apt-get-hygiene',
  description:
    'Give each `apt-get install` its `apt-get update` in the same RUN, `-y`, `--no-install-recommends` (option) and a list cleanup at the end of the RUN.',
  url: docsUrl('transforms.md', 'apt-get-hygiene'),
  defaultEnabled: false,
  meaning: 'declared',
  options,
  run(ctx) {
    if (ctx.options.update) for (const stage of stages(ctx.root)) addUpdates(ctx, stage);
    const shells = shellsInEffect(ctx.root);
    for (const node of ctx.root.children.slice()) {
      if (node.type !== 'instruction') continue;
      const run = readRun(ctx, node, shells.get(node) ?? null);
      if (run) fixRun(ctx, run);
    }
  },
});

/** Configuration that decides whether apt-get keeps the packages it downloads. */
const APT_CONFIG = /apt\.conf|docker-clean|Keep-Downloaded-Packages/;

/**
 * Why `apt-get` may keep in the layer the packages `apt` deletes: an earlier instruction of the image touches apt's
 * configuration, or its base image is not one whose apt-get deletes them (Debian's and Ubuntu's official images).
 */
function keepsDownloads(ctx: Context, node: InstructionNode): string | undefined {
  const stage = stages(ctx.root).find((candidate) => candidate.instructions.some((view) => view.node === node));
  if (!stage) return undefined;
  const { stages: lineage, start } = stageLineage(ctx.root, stage);
  for (const [i, each] of lineage.entries()) {
    const end = i === 0 ? each.instructions.findIndex((view) => view.node === node) : undefined;
    for (const view of each.instructions.slice(0, end)) {
      if (APT_CONFIG.test([view.logical.text, ...view.heredocs.map((doc) => doc.content)].join('\n')))
        return `the ${view.keyword.toUpperCase()} at ${positionText(ctx.edit.originOf(view.node))} touches apt's configuration, so apt-get may keep the packages it downloads, which apt deletes`;
    }
  }
  if ('unknown' in start)
    return `layerfix cannot tell the base image, which decides whether apt-get keeps the packages it downloads`;
  return aptGetDeletesDownloads(start.image)
    ? undefined
    : `the base image \`${start.image}\` is not known to delete the packages apt-get downloads, which apt deletes`;
}

/** An editable RUN, with the skip reported when it mentions apt but cannot be edited. */
function readRun(ctx: Context, node: InstructionNode, shell: string[] | null): EditableRun | undefined {
  const run = editableRun(ctx, node, shell, MENTION);
  if (run === undefined) return undefined;
  const at = positionText(ctx.edit.originOf(node));
  const skip = (reason: string) => ctx.skipped(`Left RUN at ${at} unchanged: ${reason}`, node);
  if (typeof run === 'string') return (skip(run), undefined);
  if (!aptCommands(run.shell).length) return undefined;
  const mount = cacheMountOver(run.view, APT_DIRS);
  if (mount)
    return (
      skip(
        `it has a cache mount on ${mount}, which keeps apt's files between builds; cleaning them up in the RUN would defeat it`,
      ),
      undefined
    );
  return run;
}

function aptCommands(shell: ShellView): PackageCommand[] {
  return packageCommands(shell).filter((command) => command.family === 'apt');
}

const needsLists = (command: PackageCommand) => NEEDS_LISTS.has(subcommandOf(command));
/** `rm -rf /var/lib/apt/lists/*` (or a `find` there), or apt's own `dist-clean`. */
function cleansLists(command: ShellCommand): boolean {
  const apt = packageCommand(command);
  return removesPath(command, ['rm', 'find'], [LISTS]) || (apt?.family === 'apt' && subcommandOf(apt) === 'dist-clean');
}
const isUpdate = (command: PackageCommand) => subcommandOf(command) === 'update';

/** Add `apt-get update &&` before the first install of each RUN of a stage that runs no update of its own. */
function addUpdates(ctx: Context, stage: Stage): void {
  const shells = shellsInEffect(ctx.root);
  let listsFrom: string | undefined;
  for (const original of stage.instructions) {
    if (original.name !== 'run') continue;
    let view = original;
    const shell = shells.get(view.node) ?? null;
    const run = readRun(ctx, view.node, shell);
    const commands = run ? aptCommands(run.shell) : [];
    const first = commands.find(needsLists);
    if (run && first && !commands.some((c) => isUpdate(c) && c.command.end <= first.command.start)) {
      const blocker = listsFrom
        ? `it installs with the package lists of the apt-get update in the RUN at ${listsFrom}; merge-runs joins the two RUNs, so the update is never cached apart from the install`
        : networkNone(run.view)
          ? 'it runs with --network=none, where an update cannot download the lists'
          : updateBlocker(run, first);
      if (blocker) ctx.skipped(`Did not add an update to RUN at ${run.at}: ${blocker}`, view.node);
      else {
        const at = run.view.argsStart + first.command.start;
        // Under the aptGet option the update is written with apt-get, as the install will be.
        const invocation = ctx.options.aptGet && first.tool === 'apt' ? `${first.invocation}-get` : first.invocation;
        const updated = ctx.edit.editWords(view.node, [
          { start: at, end: at, text: `${invocation} update && `, side: 'start' },
        ]);
        ctx.changed(
          {
            done: `Added \`${invocation} update\` before the install in RUN at ${run.at}`,
            planned: `Would add \`${invocation} update\` before the install in RUN at ${run.at}`,
          },
          updated,
        );
        view = instructionView(updated, ctx.root.data.escape);
      }
    }
    const effect = listsEffect(ctx, view, shell);
    if (effect === 'update') listsFrom = positionText(ctx.edit.originOf(view.node));
    else if (effect === 'clean') listsFrom = undefined;
  }
}

const INSIDE: Record<string, string> = {
  subshell: 'a subshell',
  'brace-group': 'a { } group',
  if: 'an if',
  while: 'a while loop',
  until: 'an until loop',
  for: 'a for loop',
  select: 'a select',
  case: 'a case',
  function: 'a function',
  negation: 'a negation',
  'command-substitution': 'a command substitution',
  'process-substitution': 'a process substitution',
  background: 'a background job',
};

/** Why `update &&` cannot be chained right before this command, or undefined. */
function updateBlocker(run: EditableRun, command: PackageCommand): string | undefined {
  const { item: index, context } = command.command;
  const item = index === null ? undefined : run.shell.lists[index];
  const before = index ? run.shell.lists[index - 1].operator?.value : undefined;
  if (item?.inPipeline || context.includes('pipeline'))
    return 'its first install is part of a pipeline, where an update cannot be chained before it';
  if (!item || context.length || item.start !== command.command.start) {
    return `its first install runs inside ${INSIDE[context[0]] ?? 'a compound command'}, where an update cannot be chained before it`;
  }
  if (before === '||' || before === '&')
    return `its first install follows \`${before}\`, so an update chained before it would change when it runs`;
  return undefined;
}

/** The parsed shell of a shell-form RUN without heredocs, when it parses. */
function parsedShell(ctx: Context, view: InstructionView, shell: string[] | null): ShellView | undefined {
  if (view.name !== 'run' || view.form !== 'shell' || view.heredocs.length) return undefined;
  const parsed = ctx.shellView(view.args, { shell });
  return parsed.posix && !parsed.errors.length ? parsed : undefined;
}

/** All the text an instruction may run. */
const runText = (view: InstructionView) => [view.args, ...view.heredocs.map((doc) => doc.content)].join('\n');

/** What a RUN leaves of the package lists: updated, removed, or as they were (read roughly when it does not parse). */
function listsEffect(ctx: Context, view: InstructionView, shell: string[] | null): 'update' | 'clean' | 'none' {
  const text = runText(view);
  if (!MENTION.test(text)) return 'none';
  const parsed = parsedShell(ctx, view, shell);
  if (!parsed) {
    const update = text.search(/\bapt(-get)?\b[^;&|]*\bupdate\b/);
    const clean = Math.max(text.lastIndexOf(LISTS), text.lastIndexOf('dist-clean'));
    return update < 0 && clean < 0 ? 'none' : clean > update ? 'clean' : 'update';
  }
  let effect: 'update' | 'clean' | 'none' = 'none';
  for (const command of parsed.commands) {
    const apt = packageCommand(command);
    if (cleansLists(command)) effect = 'clean';
    else if (apt?.family === 'apt' && isUpdate(apt)) effect = 'update';
  }
  return effect;
}

/**
 * The first later RUN (in the stage, or in a stage built on it) that may read the package lists without updating
 * them, and why: it installs with them, or runs a program (a copied script, a build tool) layerfix cannot follow.
 */
function laterListUser(ctx: Context, node: InstructionNode): { at: string; why: string } | undefined {
  const { later } = stageFamilyAfter(ctx.root, node);
  const shells = shellsInEffect(ctx.root);
  const scopes = pathScopes(ctx.root);
  for (const view of later) {
    if (view.name !== 'run' && view.name !== 'onbuild') continue;
    const at = positionText(ctx.edit.originOf(view.node));
    const parsed = parsedShell(ctx, view, shells.get(view.node) ?? null);
    if (parsed ? readsListsFirst(parsed) : MENTION.test(runText(view)))
      return { at, why: 'reads the package lists it leaves, without an update of its own' };
    if (view.name !== 'run') continue;
    if (!parsed) return { at, why: 'may read the package lists it leaves: layerfix cannot read its shell text' };
    const unknown = runEffects(parsed as PosixShellView, runScopeOf(scopes.get(view.node))).unknown;
    if (unknown) return { at, why: `may read the package lists it leaves: it ${unknown.reason}` };
  }
  return undefined;
}

const READ_ONLY = new Set(['show', 'search', 'list', 'policy', 'showsrc', 'depends', 'rdepends', 'madison']);

/** True when a RUN reads the package lists before (or without) updating them itself. */
function readsListsFirst(shell: ShellView): boolean {
  for (const command of shell.commands) {
    const name = effectiveCommand(command)?.name.replace(/^.*\//, '');
    if (name === 'apt-cache' || name === 'aptitude') return true;
    const apt = packageCommand(command);
    if (apt?.family !== 'apt') continue;
    if (isUpdate(apt)) return false;
    if (needsLists(apt) || READ_ONLY.has(subcommandOf(apt))) return true;
  }
  return false;
}

/** `-y`, `--no-install-recommends` and the list cleanup, in one edit of the RUN. */
function fixRun(ctx: Context, run: EditableRun): void {
  const { options } = ctx;
  const { view, shell, at } = run;
  const node = view.node;
  const commands = aptCommands(shell);
  const edits: WordEdit[] = [];
  const added = new Set<string>();
  let tool = 'apt-get';
  for (const command of commands) {
    if (subcommandOf(command) !== 'install') continue;
    const flags: string[] = [];
    if (
      options.assumeYes &&
      !hasOption(command, ['--yes', '--assume-yes'], 'y') &&
      !/Assume-Yes/i.test(command.command.text)
    )
      flags.push('-y');
    if (options.noInstallRecommends && !/install-recommends/i.test(command.command.text))
      flags.push('--no-install-recommends');
    if (!flags.length) continue;
    const after = view.argsStart + command.optionsEnd;
    edits.push({ start: after, end: after, text: ` ${flags.join(' ')}` });
    tool = command.tool;
    for (const flag of flags) added.add(flag);
  }
  const renamed: string[] = [];
  const kept = options.aptGet && commands.some((command) => aptWord(command)) ? keepsDownloads(ctx, node) : undefined;
  if (kept) ctx.skipped(`Kept \`apt\` in RUN at ${at}: ${kept}`, node);
  for (const command of options.aptGet && !kept ? commands : []) {
    const word = aptWord(command);
    if (!word || !SAME_AS_APT_GET.has(subcommandOf(command))) continue;
    edits.push({ start: view.argsStart + word.end, end: view.argsStart + word.end, text: '-get' });
    renamed.push(`apt ${subcommandOf(command)}`);
  }
  const cleanup = options.cleanLists ? cleanupEdit(ctx, run, commands) : undefined;
  if (cleanup) edits.push(cleanup.edit);
  if (!edits.length) return;
  const created = ctx.edit.editWords(node, edits);
  if (renamed.length) {
    const what = `${renamed.map((name) => `\`${name}\``).join(', ')} as apt-get in RUN at ${at} (hadolint DL3027)`;
    ctx.changed({ done: `Wrote ${what}`, planned: `Would write ${what}` }, created);
  }
  if (added.size)
    ctx.changed(
      {
        done: `Added ${[...added].join(' and ')} to ${tool} install in RUN at ${at}`,
        planned: `Would add ${[...added].join(' and ')} to ${tool} install in RUN at ${at}`,
      },
      created,
    );
  if (cleanup)
    ctx.changed(
      {
        done: `Appended \`${cleanup.command}\` to RUN at ${at}, so the package lists do not stay in its layer`,
        planned: `Would append \`${cleanup.command}\` to RUN at ${at}, so the package lists do not stay in its layer`,
      },
      created,
    );
}

/** The word that runs `apt` itself (`apt`, `/usr/bin/apt`, after `sudo`), written plainly, if any. */
function aptWord(command: PackageCommand): ShellWord | undefined {
  const before = command.subcommand?.start ?? Infinity;
  const words = [command.command.name, ...command.command.args].filter(
    (word): word is ShellWord => word !== null && word.end <= before,
  );
  return words.find((word) => word.value !== null && word.text === word.value && /(^|\/)apt$/.test(word.value));
}

/** The edit that appends the list cleanup, or undefined (with the skip reported) when it is not needed or not safe. */
function cleanupEdit(
  ctx: Context,
  run: EditableRun,
  commands: PackageCommand[],
): { edit: WordEdit; command: string } | undefined {
  const updates = commands.filter(isUpdate);
  const installs = commands.filter((c) => needsLists(c) && c.command.start >= updates[0]?.command.end);
  if (!installs.length) return undefined;
  const lastUse = Math.max(...[...updates, ...installs].map((c) => c.command.end));
  if (run.shell.commands.some((c) => c.start >= lastUse && cleansLists(c))) return undefined;
  const skip = (reason: string) =>
    ctx.skipped(`Did not append the list cleanup to RUN at ${run.at}: ${reason}`, run.view.node);
  const user = laterListUser(ctx, run.view.node);
  if (user) return (skip(`the RUN at ${user.at} ${user.why}`), undefined);
  const blocker = appendBlocker(run.shell);
  if (blocker) return (skip(blocker), undefined);
  const command = `${updates[0].invocation.startsWith('sudo ') ? 'sudo ' : ''}rm -rf ${LISTS}/*`;
  return { edit: appendEdit(ctx, run, command), command };
}
