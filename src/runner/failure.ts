/**
 * A file that could not be processed, as a result.
 */
import type { FileMessage } from './types.js';

/** The result of a file that failed: one error message, no changes. */
export function failure(
  ruleId: string,
  message: string,
  line = 1,
  column = 1,
): { status: 'error'; messages: FileMessage[]; changes: Record<string, number> } {
  return { status: 'error', messages: [{ kind: 'error', ruleId, message, line, column }], changes: {} };
}
