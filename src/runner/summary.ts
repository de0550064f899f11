/**
 * Count a run's results.
 */
import type { FileResult, Summary } from './types.js';

/** An empty summary. */
export function emptySummary(): Summary {
  return { scanned: 0, changed: 0, unchanged: 0, skipped: 0, failed: 0, written: 0, changes: {} };
}

/** Count one more result into `summary`. */
export function count(summary: Summary, file: FileResult): void {
  summary.scanned++;
  if (file.status === 'error') summary.failed++;
  else summary[file.status]++;
  if (file.written) summary.written++;
  for (const [name, n] of Object.entries(file.changes)) summary.changes[name] = (summary.changes[name] ?? 0) + n;
  for (const message of file.messages) if (message.kind === 'finding') summary.findings = (summary.findings ?? 0) + 1;
}

/** The summary of a list of results. */
export function summarize(files: readonly FileResult[]): Summary {
  const summary = emptySummary();
  for (const file of files) count(summary, file);
  return summary;
}
