/**
 * Where things stand in an instruction's physical text (lines, comment lines, the chain's operator placement), and
 * the text that appends a command to a RUN's chain in the file's style.
 */
import { print, toLocal, type InstructionView, type Leaf } from '../syntax/index.js';
import type { Style } from './style.js';

/** The physical line around a logical offset of an instruction: its indentation and whether it is the first line. */
export function physicalLine(
  view: InstructionView,
  offset: number,
): { indent: string; first: boolean; text: string; start: number } {
  const text = print(view.node);
  const local = toLocal(view.logical, offset, 'start');
  const start = text.lastIndexOf('\n', local - 1) + 1;
  const endAt = text.indexOf('\n', local);
  const line = text.slice(start, endAt < 0 ? text.length : endAt).replace(/\r$/, '');
  return { indent: /^[ \t]*/.exec(line)![0], first: start === 0, text: line, start };
}

/** True when a comment line of the instruction lies between two logical offsets. */
export function commentBetween(view: InstructionView, start: number, end: number): boolean {
  const from = toLocal(view.logical, start, 'start');
  const to = toLocal(view.logical, end, 'end');
  let at = 0;
  for (const child of view.node.children) {
    if (child.type === 'heredoc') break;
    const { value } = child as Leaf;
    if (child.type === 'comment' && at >= from && at < to) return true;
    at += value.length;
  }
  return false;
}

/** Where a RUN's own chain puts `&&` at its line breaks (the printer option when it breaks none after or before one). */
export function chainOperatorPosition(view: InstructionView, style: Style): 'end' | 'start' {
  const text = print(view.node);
  const escape = style.escape === '\\' ? '\\\\' : '`';
  if (new RegExp(`&&[ \\t]*${escape}[ \\t]*\\r?\\n`).test(text)) return 'end';
  if (/\n[ \t]*&&/.test(text)) return 'start';
  return style.operatorPosition;
}

/**
 * The text that appends `&& command` after logical offset `at` (the end of a RUN's last command, which starts at
 * `itemStart`): on the same line when the RUN is one line and it fits the print width, else on a continuation line of
 * its own, in the file's style and the RUN's operator position.
 */
export function appendedCommand(
  view: InstructionView,
  at: number,
  itemStart: number,
  command: string,
  style: Style,
): string {
  const end = physicalLine(view, at);
  const oneLine = !print(view.node)
    .replace(/\r?\n$/, '')
    .includes('\n');
  if (oneLine && end.text.length + command.length + 4 <= style.printWidth) return ` && ${command}`;
  const item = physicalLine(view, itemStart);
  const indent = item.first ? style.indent : item.indent;
  return chainOperatorPosition(view, style) === 'end'
    ? ` && ${style.escape}${style.eol}${indent}${command}`
    : ` ${style.escape}${style.eol}${indent}&& ${command}`;
}
