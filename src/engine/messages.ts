/**
 * Messages on a file: vfile messages with layerfix's kind, ruleId and source.
 */
import type { VFile } from 'vfile';
import type { Position } from '../syntax/types.js';
import type { LayerfixMessage, MessageKind } from './types.js';

/** Where the documentation of a transform or rule lives, relative to the package. */
export function docsUrl(ruleId: string): string {
  return `docs/transforms.md#${ruleId}`;
}

/** Add a message to `file`: errors are fatal, warnings not, changes and skips are informational. */
export function report(file: VFile, kind: MessageKind, reason: string, ruleId: string, place?: Position): LayerfixMessage {
  // A vfile message is an Error: without this, each one captures a stack trace that says nothing to a user.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let message: LayerfixMessage;
  try {
    message = file.message(reason, { ruleId, source: 'layerfix', ...(place ? { place } : {}) }) as LayerfixMessage;
  } finally {
    Error.stackTraceLimit = limit;
  }
  message.fatal = kind === 'error' ? true : kind === 'warning' ? false : undefined;
  message.kind = kind;
  message.url = docsUrl(ruleId);
  return message;
}
