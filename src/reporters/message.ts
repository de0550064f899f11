/**
 * One message as one line: `path:line:col: message [ruleId]`, the form editors and terminals link.
 */
import type { FileMessage } from '../runner/types.js';

const PREFIX: Record<FileMessage['kind'], string> = {
  error: '',
  warning: 'warning: ',
  finding: 'warning: ',
  change: 'change: ',
  skip: 'skip: ',
};

/** The first line of a message (a transform that throws reports its stack on later lines). */
function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? text : `${text.slice(0, end)} …`;
}

/**
 * The text of a message for a run that applied its changes (`applied`: written, or printed as the new text) or not
 * (a dry run, `--check`, a write that failed). A change its transform said both ways is said in the matching tense
 * (`Merged ...` / `Would merge ...`); a change said one way (a plugin's free text) is marked `(not written)` when it
 * was not applied.
 */
export function messageText(message: FileMessage, applied: boolean): string {
  if (message.kind !== 'change' || applied) return message.message;
  return message.planned ?? `${message.message} (not written)`;
}

/** The rule a message is about, as reporters name it: the transform, and the rule's own name when it has one. */
export function ruleName(message: FileMessage): string {
  return message.rule ? `${message.ruleId} (${message.rule})` : message.ruleId;
}

/** `path:line:col: message [ruleId]`; warnings, findings, changes and skips say their kind before the message. */
export function formatMessage(path: string, message: FileMessage, applied: boolean): string {
  return `${path}:${message.line}:${message.column}: ${PREFIX[message.kind]}${firstLine(messageText(message, applied))} [${ruleName(message)}]`;
}

/** Whether a message is printed: errors always, warnings and findings unless `quiet`, changes and skips with `explain`. */
export function isShown(message: FileMessage, explain: boolean, quiet = false): boolean {
  if (message.kind === 'error') return true;
  if (quiet) return false;
  return explain || message.kind === 'warning' || message.kind === 'finding';
}
