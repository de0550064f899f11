/**
 * The exit code of a run: 2 when anything failed, 1 when changes were found under `--check` or `-l` (or findings under
 * `--check`), else 0.
 */
import type { Summary } from '../runner/types.js';
import type { RunMode } from '../reporters/summary.js';

/** Exit codes, as documented in `--help`. */
export const EXIT = { ok: 0, changes: 1, failure: 2 } as const;

/** The exit code for a finished run (`written`: changes were written, as with `-l --write`). */
export function exitCode(summary: Summary, mode: RunMode, written = false): number {
  if (summary.failed > 0) return EXIT.failure;
  if ((mode === 'check' || mode === 'list') && summary.changed > 0 && !written) return EXIT.changes;
  // A finding is a rule the file breaks that no change fixes: `--check` fails on it, as `docker build --check` does.
  if (mode === 'check' && (summary.findings ?? 0) > 0) return EXIT.changes;
  return EXIT.ok;
}
