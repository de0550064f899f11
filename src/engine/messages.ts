/**
 * Messages on a file: vfile messages with layerfix's kind, ruleId and source.
 */
import type { VFile } from 'vfile';
import type { InstructionNode, Position } from '../syntax/types.js';
import type { ChangeText, LayerfixMessage, MessageKind } from './types.js';

/** Where layerfix's documentation is published. */
const DOCS = 'https://github.com/layerfix/layerfix/blob/main/docs';

/** The address of a section of layerfix's documentation: `docsUrl('transforms.md', 'merge-runs')`. */
export function docsUrl(page: string, anchor?: string): string {
  return `${DOCS}/${page}${anchor ? `#${anchor}` : ''}`;
}

/** The done form of a change's text (the text itself when it is a plain string). */
export function doneText(reason: string | ChangeText): string {
  return typeof reason === 'string' ? reason : reason.done;
}

/**
 * Add a message to `file`: errors are fatal, warnings and findings not, changes and skips are informational; `url`
 * documents the rule, `rule` names it in the tool that defines it. A change said both ways keeps its done form as the
 * message's reason and its planned form as `planned`.
 */
export function report(
  file: VFile,
  kind: MessageKind,
  text: string | ChangeText,
  ruleId: string,
  place?: Position,
  url?: string,
  rule?: string,
): LayerfixMessage {
  const reason = doneText(text);
  // A vfile message is an Error: without this, each one captures a stack trace that says nothing to a user.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let message: LayerfixMessage;
  try {
    message = file.message(reason, { ruleId, source: 'layerfix', ...(place ? { place } : {}) }) as LayerfixMessage;
  } finally {
    Error.stackTraceLimit = limit;
  }
  message.fatal = kind === 'error' ? true : kind === 'warning' || kind === 'finding' ? false : undefined;
  message.kind = kind;
  if (typeof text !== 'string') message.planned = text.planned;
  if (url) message.url = url;
  if (rule) message.rule = rule;
  return message;
}

/** `line:column` of a node's start in the input, for messages. */
export function positionText(node: InstructionNode): string {
  const start = node.position?.start;
  return start ? `${start.line}:${start.column}` : 'a generated line';
}
