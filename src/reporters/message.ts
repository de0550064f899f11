/**
 * One message as one line: `path:line:col: message [ruleId]`, the form editors and terminals link.
 */
import type { FileMessage } from '../runner/types.js';

const PREFIX: Record<FileMessage['kind'], string> = { error: '', warning: 'warning: ', change: 'change: ', skip: 'skip: ' };

/** The first line of a message (a transform that throws reports its stack on later lines). */
export function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? text : `${text.slice(0, end)} …`;
}

/** `path:line:col: message [ruleId]`; warnings, changes and skips say their kind before the message. */
export function formatMessage(path: string, message: FileMessage): string {
  return `${path}:${message.line}:${message.column}: ${PREFIX[message.kind]}${firstLine(message.message)} [${message.ruleId}]`;
}

/** Whether a message is printed: errors and warnings always, changes and skips with `--explain`. */
export function isShown(message: FileMessage, explain: boolean): boolean {
  return explain || message.kind === 'error' || message.kind === 'warning';
}
