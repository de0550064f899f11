/**
 * The summary line at the end of a run.
 */
import type { Summary } from '../runner/types.js';

/** What the run does with changed files. */
export type RunMode = 'dry-run' | 'write' | 'check' | 'list';

/** `merge-runs 3, reorder-stable 1`, or `none`. */
export function formatChanges(changes: Record<string, number>): string {
  const entries = Object.entries(changes).sort(([a], [b]) => (a < b ? -1 : 1));
  return entries.length ? entries.map(([name, count]) => `${name} ${count}`).join(', ') : 'none';
}

/** One line: files scanned, changed, unchanged, skipped, failed, and changes per transform. */
export function formatSummary(summary: Summary, mode: RunMode): string {
  const files = `${summary.scanned} file${summary.scanned === 1 ? '' : 's'} scanned`;
  const changed =
    mode === 'write'
      ? `${summary.changed} changed (${summary.written} written)`
      : `${summary.changed} ${mode === 'dry-run' ? 'changed' : 'would change'}`;
  const counts = `${changed}, ${summary.unchanged} unchanged, ${summary.skipped} skipped, ${summary.failed} failed`;
  const tail = mode === 'dry-run' && summary.changed ? ' (dry run: nothing written; --write applies the changes)' : '';
  const findings = summary.findings ? `; findings: ${summary.findings}` : '';
  return `layerfix: ${files}: ${counts}; changes: ${formatChanges(summary.changes)}${findings}${tail}`;
}
