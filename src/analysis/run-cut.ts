/**
 * Cutting a RUN in two at a top-level `&&`, or at a `;` of a list that turns errexit on first: `RUN npm ci && npm run
 * build` becomes `RUN npm ci` and `RUN npm run build`. Both build the same as long as a failure before the cut stops
 * the build either way, the first part leaves no shell state the second cannot start from (the options it starts
 * with and a `cd` are repeated), and nothing the shell does between the two (its startup, its memory of where
 * commands are) differs (`cutHazard`).
 */
import { posix } from 'node:path';
import {
  effectiveCommand,
  print,
  toLocal,
  type InstructionView,
  type ShellCommand,
  type ShellView,
  type Style,
} from '../engine/index.js';
import { IMAGE_WORKDIR } from './path-scopes.js';
import { overlaps, PLAIN_PATH } from './places.js';
import { searchedInCdpath, searchesCdpath, type RunEffects } from './run-effects.js';
import { lastCommandState, localeChange, ownCommandLine, perRunFile } from './same-shell.js';
import type { ShellFacts } from './shells.js';
import { errexitLead, leaksState } from './shell-state.js';

/** One part of a cut RUN: its text as printed, and the logical line it declares to the guard. */
export interface RunPart {
  physical: string;
  logical: string;
}

/** A RUN cut in two, with the comment lines that stood in the continuation at the cut. */
export interface RunCut {
  first: RunPart;
  rest: RunPart;
  /** Comment lines from the joint, one per line, in the file's line ending ('' when none). */
  comments: string;
  /** The shell text of the first part on one line, for messages. */
  firstText: string;
}

/**
 * The indexes of the top-level items after which a RUN's shell text can be cut: none unless the whole text is one
 * unbroken `&&` chain, or a `;` list run under errexit. An `||` or a `;` without errexit would change which failures
 * stop the build (`a && b || c` goes on to `c` when `a` fails; cut after `a`, the build stops), and so would a mix
 * (`set -e; a && b; c` goes on to `c` when `a` fails: errexit ignores all of an `&&` list but its last command).
 */
export function cutPoints(shell: ShellView): number[] {
  const items = shell.lists;
  const last = items.length - 1;
  const joined = (operators: readonly string[]) =>
    items.every(
      (item, i) =>
        !item.inPipeline && (i < last ? operators.includes(item.operator?.value ?? '') : item.operator?.value !== '&'),
    );
  const chain = joined(['&&']);
  const lead = errexitLead(shell);
  if (!chain && (!lead || !joined([';', '\n']))) return [];
  // Under errexit (a leading set, or the SHELL's flags), a simple command that fails stops the shell; a compound one
  // or a negation may fail without stopping it, and a compound one in an `&&` list runs with errexit ignored inside:
  // cut after it, its status would end the first RUN, or errexit would stop it where it went on.
  const points: number[] = [];
  for (let i = chain ? 0 : lead; i < last && ERREXIT_STOPS.has(items[i].node); i++) points.push(i);
  return points;
}

/** Top-level items whose failure stops a shell under errexit. */
const ERREXIT_STOPS = new Set(['command', 'declaration_command', 'test_command', 'unset_command']);

/** The commands of a RUN after a cut at item `index`, for carriedState. */
export function commandsAfter(shell: ShellView, index: number): ShellCommand[] {
  return shell.commands.filter((command) => (command.item ?? -1) > index);
}

/**
 * The text of the part after a cut at item `index`, starting with `lead` (what carriedState says it must repeat),
 * joined as the RUN joins its items there.
 */
export function restText(shell: ShellView, index: number, lead: string): string {
  return `${restLead(shell, index, lead)}${shell.text.slice(shell.lists[index + 1].start)}`;
}

/** `lead` and the operator the RUN has at the cut, to start the rest with; '' without a lead. */
function restLead(shell: ShellView, index: number, lead: string): string {
  return lead ? `${lead}${shell.lists[index].operator?.value === '&&' ? ' && ' : '; '}` : '';
}

/**
 * What the second part of a cut must run first to start where the first part (`prefix`, starting in `cwd`) left
 * off: the `set` it starts with, then `cd <folder>` when it changed directory with plain top-level `cd`s to folders
 * written out, '' when neither; or why the rest (its commands: `after`) cannot start in the same state (a variable,
 * an option, a function, a `cd` it cannot repeat (one CDPATH may send elsewhere), a `cd -` back).
 */
export function carriedState(
  prefix: ShellView,
  start: { cwd: string | undefined; env: ReadonlyMap<string, string | undefined> },
  after: readonly ShellCommand[] = [],
): string | { reason: string } {
  const cdpath = searchesCdpath(start.env);
  // The options it starts by turning on (`set -eux;`, the errexit of a `;` list) are turned on again.
  const lead = errexitLead(prefix);
  const options = lead ? prefix.text.slice(prefix.lists[0].start, prefix.lists[lead - 1].end) : '';
  const leak = leaksState({
    ...prefix,
    hazards: prefix.hazards.filter(
      (hazard) => hazard.kind !== 'cd' && !(hazard.kind === 'set' && hazard.start < prefix.lists[lead - 1]?.end),
    ),
  });
  if (leak) return leak;
  let folder = start.cwd;
  let moved = false;
  for (const command of prefix.commands) {
    const name = effectiveCommand(command)?.name ?? command.name?.value;
    if (name !== 'cd' && name !== 'pushd' && name !== 'popd') continue;
    const [target] = command.args;
    const plain =
      command.name?.value === 'cd' &&
      command.topLevel &&
      command.context.length === 0 &&
      command.args.length === 1 &&
      target.value !== null &&
      PLAIN_PATH.test(target.text) &&
      !target.value.startsWith('-') &&
      (target.value.startsWith('/') || (folder !== undefined && !folder.startsWith(IMAGE_WORKDIR)));
    if (!plain) return { reason: `changes directory with \`${command.text}\`, which the rest cannot repeat` };
    if (cdpath && searchedInCdpath(target.value!))
      return { reason: `changes directory with \`${command.text}\`, which CDPATH may send to another folder` };
    folder = posix.resolve(folder ?? '/', target.value!);
    moved = true;
  }
  // The folder is written into the rest as one plain word (a WORKDIR may have given it a space).
  if (moved && !PLAIN_PATH.test(folder!)) return { reason: `ends in ${folder}, which layerfix does not write out` };
  // One `cd` to it leaves another folder before it (OLDPWD) than the first part's last `cd` did.
  const back = after.find(
    (command) => command.text.includes('OLDPWD') || (command.name?.value === 'cd' && command.args[0]?.value === '-'),
  );
  if (moved && back)
    return { reason: `changes directory, and the rest runs \`${back.text}\`, which goes back to the folder before` };
  // What the last command of the first part left in the shell, a fresh shell starts without.
  for (const command of after) {
    const last = lastCommandState(command.text);
    if (last) return { reason: `leaves \`${last}\`, which the rest reads in \`${command.text}\`` };
  }
  const own = [prefix.text, ...after.map((command) => command.text)].map(ownCommandLine).find(Boolean);
  if (own) return { reason: `reads the shell's own command line (\`${own}\`), which a cut changes` };
  const joiner = prefix.lists.some((item) => item.operator?.value === '&&') ? ' && ' : '; ';
  return [options, moved ? `cd ${folder}` : ''].filter(Boolean).join(joiner);
}

/**
 * Why the part after a cut may run differently in a RUN of its own, given the effects of both parts and what each
 * start of the shell runs (`shell`): a login shell's profile or BASH_ENV, which the first part may write, or the
 * locale it loads, which the first part may add or remove; a
 * program the first part may install under a name its shell already looked up (a shell remembers where it found a
 * command); or a cleanup of what the first part made, which would then stay in the first part's layer.
 */
export function cutHazard(
  first: RunEffects,
  rest: RunEffects,
  shell: Pick<ShellFacts, 'startup' | 'locale'> | undefined,
): string | undefined {
  if (shell?.startup) return `each RUN's shell ${shell.startup}, which the first part may change`;
  const locale = shell?.locale && localeChange(first);
  if (locale)
    return `the first part ${locale}, and a shell loads the locale (${shell.locale}) when it starts: the rest would run under another locale than the first part's shell loaded`;
  const perRun = perRunFile(first);
  if (perRun)
    return `the first part writes ${perRun}, which the builder gives every RUN afresh: the rest would not see it`;
  const installs = first.installsCommands || first.systemPackages || first.installs.length > 0;
  const again = first.calls.find((name) => rest.calls.includes(name));
  if (installs && again)
    return `the first part may install a new \`${again}\`, which its shell, having looked it up before, would not run, and a new shell would`;
  const replaced = rest.callsAfterChange.find((name) => first.calls.includes(name));
  if (replaced)
    return `the rest may install a new \`${replaced}\` before it runs it, which the first part's shell, having looked it up before, would not run, and a new shell would`;
  const made = [...first.writes, ...first.installs];
  const cleaned = rest.removes.find((place) => made.some((other) => overlaps(place, other)));
  if (cleaned)
    return `the rest removes ${cleaned.path}, which the first part makes: it would stay in the first part's layer`;
  return undefined;
}

/**
 * Cut a shell-form RUN after its top-level item `index` (one of `cutPoints`), keeping each part's text as written.
 * `lead` (such as `cd web`) is repeated at the start of the second part, so it runs where the first part left off.
 */
export function cutRun(view: InstructionView, shell: ShellView, index: number, style: Style, lead = ''): RunCut {
  const text = print(view.node);
  const argsAt = toLocal(view.logical, view.argsStart, 'start');
  const head = text.slice(0, argsAt);
  const firstEnd = toLocal(view.logical, view.argsStart + shell.lists[index].end, 'end');
  const restStart = toLocal(view.logical, view.argsStart + shell.lists[index + 1].start, 'start');
  const comments = text
    .slice(firstEnd, restStart)
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('#'))
    .map((line) => `${line}${style.eol}`)
    .join('');
  const logicalHead = view.logical.text.slice(0, view.argsStart);
  const firstText = shell.text.slice(0, shell.lists[index].end);
  const again = restLead(shell, index, lead);
  return {
    first: { physical: `${head}${text.slice(argsAt, firstEnd)}${style.eol}`, logical: `${logicalHead}${firstText}` },
    rest: {
      physical: `${head}${again}${text.slice(restStart)}`,
      logical: `${logicalHead}${restText(shell, index, lead)}`,
    },
    comments,
    firstText: firstText.replace(/\s+/g, ' '),
  };
}
