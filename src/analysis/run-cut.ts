/**
 * Cutting a RUN in two at a top-level `&&`: `RUN npm ci && npm run build` becomes `RUN npm ci` and
 * `RUN npm run build`. Both build the same as long as the first part leaves no shell state (a directory, a variable,
 * an option) to the second, and every operator up to the cut is `&&`, so a failure still stops the build.
 */
import { print, toLocal, type InstructionView, type ShellHazard, type ShellView, type Style } from '../engine/index.js';
import { leaksState } from './shell-state.js';

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

/** The indexes of the top-level items after which a RUN's shell text can be cut: an unbroken `&&` chain from its start. */
export function cutPoints(shell: ShellView): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < shell.lists.length; i++) {
    const item = shell.lists[i];
    if (item.operator?.value !== '&&' || item.inPipeline || shell.lists[i + 1].inPipeline) break;
    out.push(i);
  }
  return out;
}

/**
 * What the second part of a cut must repeat to start in the shell state the first part (`prefix`) leaves: its top-level
 * `cd`s, joined by `&&`; or the first other state it leaves (a variable, an option, a function), which cannot be carried.
 */
export function carriedState(prefix: ShellView): string | ShellHazard {
  const leak = leaksState({ ...prefix, hazards: prefix.hazards.filter((hazard) => hazard.kind !== 'cd') });
  if (leak) return leak;
  return prefix.commands
    .filter((command) => command.topLevel && command.name?.value === 'cd')
    .map((command) => command.text)
    .join(' && ');
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
  const again = lead ? `${lead} && ` : '';
  return {
    first: { physical: `${head}${text.slice(argsAt, firstEnd)}${style.eol}`, logical: `${logicalHead}${firstText}` },
    rest: {
      physical: `${head}${again}${text.slice(restStart)}`,
      logical: `${logicalHead}${again}${shell.text.slice(shell.lists[index + 1].start)}`,
    },
    comments,
    firstText: firstText.replace(/\s+/g, ' '),
  };
}
