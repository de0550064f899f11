/**
 * wget-progress (hadolint DL3047): GNU `wget` without `-q`, `-nv` or `--progress` prints a progress bar line after
 * line into the build log; `--progress=dot:giga` prints one dot per megabyte instead. Only the log changes. BusyBox's
 * wget (Alpine's) has no `--progress` and would fail, so the option is added only where the wget is GNU's: installed as
 * a package before it runs, or in a Debian, Ubuntu or Red Hat family image (whose wget is GNU's).
 */
import {
  defineTransform,
  docsUrl,
  stages,
  type ContextOf,
  type InstructionNode,
  type ShellCommand,
  type ShellWord,
} from '../src/engine/index.js';
import {
  editableRuns,
  packageCommands,
  shellsInEffect,
  stageLineage,
  subcommandOf,
  unwrapCommand,
  type EditableRun,
} from '../src/analysis/index.js';

const options = {} as const;

type Context = ContextOf<typeof options>;

const MENTION = /\bwget\b/;
const PROGRESS = '--progress=dot:giga';
/** Options that already keep the progress bar out of the log. */
const QUIET =
  /^(-q|--quiet|-nv|--no-verbose|--progress(=.*)?|-o|--output-file(=.*)?|-a|--append-output(=.*)?|-b|--background|--show-progress)$/;
/** Short options of GNU wget that take an argument: a cluster ends at them. */
const ARGUMENT_LETTERS = 'OoaiBPDetTwQUlARXIe';
/** Images whose wget, when there is one, is GNU's. */
const GNU_IMAGES =
  /^(?:(?:docker\.io|index\.docker\.io)\/)?(?:library\/)?(debian|ubuntu|buildpack-deps|fedora|centos|rockylinux|almalinux|amazonlinux|oraclelinux)(?::[^@/]*)?(?:@.*)?$/;
/** Package subcommands that install. */
const INSTALLS = new Set(['install', 'add']);
/** Subcommands that remove packages (apk, apt, dnf and yum). */
const REMOVES = new Set(['del', 'remove', 'purge', 'autoremove', 'erase']);

export default defineTransform({
  name: 'wget-progress',
  description:
    'Give GNU `wget` without `-q`, `-nv` or `--progress` the option `--progress=dot:giga`, so the build log is not flooded with a progress bar (hadolint DL3047); only the log changes.',
  url: docsUrl('transforms.md', 'wget-progress'),
  defaultEnabled: false,
  meaning: 'declared',
  options,
  run(ctx) {
    for (const { node, run, at, skip } of editableRuns(ctx, MENTION, (at) => `Left RUN at ${at} unchanged`)) {
      const noisy = run.shell.commands.map(wgetWord).filter((word): word is ShellWord => word !== undefined);
      if (!noisy.length) continue;
      const gnu = gnuWget(ctx, node, run);
      if (gnu) {
        skip(gnu);
        continue;
      }
      const edits = noisy.map((word) => ({
        start: run.view.argsStart + word.end,
        end: run.view.argsStart + word.end,
        text: ` ${PROGRESS}`,
      }));
      ctx.changed(
        {
          done: `Added ${PROGRESS} to wget in RUN at ${at} (hadolint DL3047)`,
          planned: `Would add ${PROGRESS} to wget in RUN at ${at} (hadolint DL3047)`,
        },
        ctx.edit.editWords(node, edits),
      );
    }
  },
});

/** The word naming `wget` in a command that prints a progress bar, if it is one. */
function wgetWord(command: ShellCommand): ShellWord | undefined {
  const resolved = unwrapCommand(command);
  if (!resolved || resolved.name.replace(/^.*\//, '') !== 'wget' || command.context.includes('heredoc'))
    return undefined;
  if (resolved.args.some((word) => word.value === null || QUIET.test(word.value) || quietCluster(word.value)))
    return undefined;
  const words = [command.name, ...command.args].filter((word): word is ShellWord => word !== null);
  return words.find(
    (word) => word.value !== null && word.text === word.value && word.value.replace(/^.*\//, '') === 'wget',
  );
}

/** A short option cluster (`-qO-`) that holds `q` before an option that takes an argument. */
function quietCluster(value: string): boolean {
  if (!/^-[^-]/.test(value)) return false;
  for (const letter of value.slice(1)) {
    if (letter === 'q') return true;
    if (ARGUMENT_LETTERS.includes(letter)) return false;
  }
  return false;
}

/** Why the wget of this RUN may not be GNU's, or undefined when it is. */
function gnuWget(ctx: Context, node: InstructionNode, run: EditableRun): string | undefined {
  const shells = shellsInEffect(ctx.root);
  const stage = stages(ctx.root).find((s) => s.instructions.some((view) => view.node === node));
  // A package removal may take wget away again (`apk del .fetch-deps` after `apk add --virtual .fetch-deps wget`).
  const removes = (text: EditableRun['shell']) => packageCommands(text).some((c) => REMOVES.has(subcommandOf(c)));
  const installs = (text: EditableRun['shell']) =>
    packageCommands(text).some(
      (c) => INSTALLS.has(subcommandOf(c)) && c.operands.some((word) => word.value === 'wget'),
    );
  const removed =
    "packages are removed in it or before it, which may take GNU wget away and leave BusyBox's, which has no --progress";
  if (removes(run.shell)) return removed;
  if (installs(run.shell)) return undefined;
  if (!stage) return 'its stage is not known';
  const { stages: lineage, start } = stageLineage(ctx.root, stage);
  for (const [i, each] of lineage.entries()) {
    const end = i === 0 ? each.instructions.findIndex((view) => view.node === node) : undefined;
    for (const view of each.instructions.slice(0, end).reverse()) {
      if (view.name !== 'run' || view.form !== 'shell') continue;
      const shell = ctx.shellView(view.args, { shell: shells.get(view.node) ?? null });
      if (shell.posix && removes(shell)) return removed;
      if (shell.posix && installs(shell)) return undefined;
    }
  }
  if ('unknown' in start)
    return "the base image is only known at build time, so its wget may be BusyBox's, which has no --progress";
  return GNU_IMAGES.test(start.image.toLowerCase())
    ? undefined
    : `its wget may be BusyBox's (the base image \`${start.image}\` is not one whose wget is GNU's, and no RUN before installs wget), which has no --progress`;
}
