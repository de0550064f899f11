/**
 * Reading a RUN for `split-manifest-copy`: which of its commands install dependencies (and in which folder), which
 * are harmless, which no ecosystem knows (to be checked against the copy later), and what stops the split.
 */
import { posix } from 'node:path';
import { effectiveCommand, type InstructionView, type ShellCommand, type ShellView } from '../engine/index.js';
import { readCommand, type Ecosystem, type InstallUse, type Invocation } from './ecosystems/index.js';
import { isUnder } from './places.js';
import { redirectWrites } from './run-effects.js';

/** An install found in a RUN. */
export interface InstallStep {
  use: InstallUse;
  ecosystem: Ecosystem;
  /** The folder the command runs in (absolute image path). */
  cwd: string;
  /** The command as written. */
  text: string;
  /**
   * True when neither the RUN nor an ENV sets HOME and layerfix cannot tell the home folder of the USER it runs as (a
   * user of the base image, or one made with `useradd -d`): the install's user configuration may be anywhere.
   */
  homeUnknown?: boolean;
}

/** What a RUN holds, for the split. */
export interface RunReading {
  installs: InstallStep[];
  /** Commands no ecosystem knows, with the folder each runs in: the caller checks that they leave the copy alone. */
  others: Array<{ command: ShellCommand; cwd: string }>;
  /** The first reason the RUN cannot move ahead of the copy, if any. */
  problem?: string;
  /** True when it runs an install that needs more than the manifests (`pip install .`): worth a message. */
  installLike?: boolean;
  /** Configuration it writes that an install of the ecosystem after it in the stage reads (`go env -w`), and why. */
  configures?: { ecosystem: string; reason: string };
}

/** Whether an install tool is one the options turn on. */
export type InstallerFilter = (ecosystem: string) => boolean;

/** Where a RUN starts: its working directory (undefined when unknown) and the ENV and ARG values in effect. */
export interface RunStart {
  workdir: string | undefined;
  env: ReadonlyMap<string, string | undefined>;
  /** The home folder of the USER the RUN runs as; undefined when layerfix cannot tell it (root's is /root). */
  home?: string;
}

const SHELLS = /^(sh|bash|dash|ash|zsh|ksh)$/;
/** Builtins that change only the shell's own state, never a file. */
const SHELL_STATE = new Set([
  'export',
  'unset',
  'set',
  'umask',
  'ulimit',
  'shopt',
  'alias',
  'trap',
  'declare',
  'typeset',
  'readonly',
  'local',
  'true',
  ':',
]);
/** A working directory layerfix cannot tell (a WORKDIR with a variable it does not know). */
const UNKNOWN = '?unknown';

/** An install of a RUN, run in `cwd` with the variables `env`: its home is unknown when neither HOME nor the USER says it. */
function installStep(
  use: InstallUse,
  ecosystem: Ecosystem,
  cwd: string,
  text: string,
  start: RunStart,
  env: ReadonlyMap<string, string | undefined>,
): InstallStep {
  return { use, ecosystem, cwd, text, ...(start.home === undefined && !env.has('HOME') ? { homeUnknown: true } : {}) };
}

/** Read an exec-form RUN (`RUN ["npm", "ci"]`): one command, run without a shell, in its working directory. */
export function readExecRun(
  view: InstructionView,
  start: RunStart & { workdir: string },
  enabled: InstallerFilter,
): RunReading {
  const workdir = start.workdir;
  const [program = '', ...args] = view.exec ?? [];
  const reading: RunReading = { installs: [], others: [] };
  if (SHELLS.test(posix.basename(program))) return reading;
  const invocation: Invocation = {
    program,
    name: posix.basename(program),
    args,
    text: (view.exec ?? []).join(' '),
    env: start.env,
  };
  const found = readCommand(invocation);
  if (!found)
    return {
      ...reading,
      problem: `runs \`${program}\` in exec form, which is not known to leave the copied files alone`,
    };
  const { verdict, ecosystem } = found;
  if (verdict.kind === 'install' && enabled(verdict.use.ecosystem))
    reading.installs.push(installStep(verdict.use, ecosystem, workdir, invocation.text, start, start.env));
  else if (verdict.kind === 'decline')
    Object.assign(reading, {
      problem: verdict.reason,
      installLike: verdict.install === true,
      ...(verdict.configures ? { configures: { ecosystem: ecosystem.name, reason: verdict.reason } } : {}),
    });
  return reading;
}

/** Read a shell-form RUN from its shell view, starting where `start` says. */
export function readShellRun(shell: ShellView, start: RunStart, enabled: InstallerFilter): RunReading {
  const reading: RunReading = { installs: [], others: [] };
  if (!shell.posix) return reading;
  let cwd = start.workdir ?? UNKNOWN;
  const env = new Map(start.env);
  const problem = (reason: string) => {
    reading.problem ??= reason;
  };
  // A compound command's own redirection (`{ npm ci; } > install.log`) writes where no command says (red team 35).
  const redirected = shell.compounds.flatMap((compound) => compound.redirects).find(redirectWrites);
  if (redirected)
    problem(
      `writes \`${redirected.target?.text ?? '?'}\` through the redirection of a compound command, which layerfix does not follow with the install`,
    );
  for (const command of shell.commands) {
    let commandEnv = environmentOf(command, env);
    const resolved = effectiveCommand(command);
    if (!resolved) {
      if (command.form !== 'assignment') problem(`runs \`${command.text}\`, whose command is only known at build time`);
      continue;
    }
    let args = resolved.args.map((arg) => arg.value);
    let program = resolved.name;
    if (program === 'env') {
      const at = args.findIndex((arg) => arg === null || !/^-|=/.test(arg));
      if (at < 0 || args[at] === null) {
        reading.others.push({ command, cwd });
        continue;
      }
      // `env A=1 -u B cmd`: the assignments and unsets before the command are its environment too.
      const own = new Map(commandEnv);
      for (const [index, arg] of args.slice(0, at).entries()) {
        const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(arg!);
        if (assignment) own.set(assignment[1], assignment[2]);
        else if (arg === '-i' || arg === '--ignore-environment') own.clear();
        else if ((arg === '-u' || arg === '--unset') && args[index + 1]) own.delete(args[index + 1]!);
      }
      commandEnv = own;
      program = args[at]!;
      args = args.slice(at + 1);
    }
    const name = posix.basename(program);
    if (SHELL_STATE.has(name) && command.redirects.length === 0) continue;
    if (name === 'cd' || name === 'pushd' || name === 'popd') {
      const moved = changeDirectory(command, name, args, cwd);
      if (moved.startsWith('/')) cwd = moved;
      else problem(moved);
      continue;
    }
    const found = readCommand({ program, name, args, text: command.text, env: commandEnv });
    if (!found) {
      reading.others.push({ command, cwd });
      continue;
    }
    const { verdict, ecosystem } = found;
    if (verdict.kind === 'install' && cwd === UNKNOWN && enabled(verdict.use.ecosystem)) {
      problem(
        `runs \`${command.text}\` in a working directory layerfix cannot tell (a WORKDIR uses a variable it does not know)`,
      );
      reading.installLike = true;
    } else if (verdict.kind === 'install') {
      // `npm ci > install.log` writes the file itself (red team 35): a COPY after it may put the context's back.
      const output = command.redirects.find((r) => redirectWrites(r) && !(r.target?.value ?? '').startsWith('/dev/'));
      if (output)
        problem(`writes the install's output to \`${output.target?.text ?? '?'}\`, which layerfix does not follow`);
      // Options that point the tool's own writes at a folder (`--logs-dir=logs`, `--cache .npm`: red team 36).
      const elsewhere = writesInto(args, cwd);
      if (elsewhere)
        problem(
          `runs \`${command.text}\`, whose \`${elsewhere}\` points its writes into the project, where the COPY writes`,
        );
      if (enabled(verdict.use.ecosystem))
        reading.installs.push(installStep(verdict.use, ecosystem, cwd, command.text, start, commandEnv));
      else problem(`runs \`${command.text}\`, and the ${verdict.use.ecosystem} ecosystem is turned off in the options`);
    } else if (verdict.kind === 'decline') {
      problem(verdict.reason);
      if (verdict.install) reading.installLike = true;
      if (verdict.configures) reading.configures ??= { ecosystem: ecosystem.name, reason: verdict.reason };
    }
  }
  const blocker = shell.hazards.find(
    (hazard) => hazard.kind === 'source' || hazard.kind === 'eval' || hazard.kind === 'parse-error',
  );
  if (blocker) problem(blocker.kind === 'parse-error' ? `does not parse as shell (${blocker.reason})` : blocker.reason);
  return reading;
}

/** Install options that name where the tool writes its logs, caches and stores. */
const WRITE_OPTIONS = new Set([
  '--logs-dir',
  '--cache',
  '--cache-dir',
  '--cache-folder',
  '--store-dir',
  '--state-dir',
  '--global-folder',
  '--modules-folder',
  '--virtual-store-dir',
  '--log-file',
  '--log',
]);

/** The first of those options whose folder is relative or inside `cwd` (`--logs-dir=logs`), as written; else undefined. */
function writesInto(args: readonly (string | null)[], cwd: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === null) continue;
    const at = arg.indexOf('=');
    const name = at < 0 ? arg : arg.slice(0, at);
    if (!WRITE_OPTIONS.has(name)) continue;
    const value = at < 0 ? args[i + 1] : arg.slice(at + 1);
    if (value === null || value === undefined || !value.startsWith('/') || cwd === UNKNOWN || isUnder(value, cwd))
      return arg;
  }
  return undefined;
}

/**
 * The variables a command runs with: `env` plus its own prefix assignments (`PIP_CONSTRAINT=c.txt pip ...`). A bare
 * assignment, `export`, `declare` or `unset` changes `env` for the commands after it; one that is not at the top level
 * (in a subshell, a pipeline) may or may not last, so its variable becomes unknown.
 */
function environmentOf(
  command: ShellCommand,
  env: Map<string, string | undefined>,
): ReadonlyMap<string, string | undefined> {
  const value = (assignment: ShellCommand['assignments'][number]) =>
    assignment.operator === '=' ? (assignment.value === null ? '' : (assignment.value.value ?? undefined)) : undefined;
  const lasting = command.form === 'assignment' || command.form === 'declaration' || command.form === 'unset';
  if (lasting) {
    const names =
      command.form === 'unset'
        ? command.args.map((arg) => arg.value)
        : command.assignments.map((assignment) => assignment.name);
    for (const [index, name] of names.entries()) {
      if (name === null) continue;
      if (!command.topLevel) env.set(name, undefined);
      else if (command.form === 'unset') env.delete(name);
      else env.set(name, value(command.assignments[index]));
    }
    return env;
  }
  if (!command.assignments.length) return new Map(env);
  const own = new Map(env);
  for (const assignment of command.assignments) own.set(assignment.name, value(assignment));
  return own;
}

/** The folder a top-level `cd` moves to, or why it cannot be followed. */
function changeDirectory(command: ShellCommand, name: string, args: Array<string | null>, cwd: string): string {
  if (name !== 'cd') return `changes directory with ${name}, which layerfix does not follow`;
  if (!command.topLevel)
    return 'changes directory with cd inside a subshell, pipeline or function, which layerfix does not follow';
  const operands = args.filter((arg) => arg === null || !/^-[LPe@]+$/.test(arg));
  if (operands.length === 0) return 'changes to the home folder with cd, which layerfix does not follow';
  const [target] = operands;
  if (target === null || target === '-' || target.startsWith('~'))
    return `changes directory to \`${command.text.slice(2).trim()}\`, a folder only known at build time`;
  if (cwd === UNKNOWN && !target.startsWith('/'))
    return `changes to the relative folder ${target} from a working directory layerfix cannot tell`;
  return posix.resolve(cwd === UNKNOWN ? '/' : cwd, target);
}
