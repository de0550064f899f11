/**
 * On Ctrl-C or SIGTERM during `--write`: remove the temporary file being written (the original is intact, as the
 * rename has not happened), then exit. A file already renamed is complete, so every file is either old or new.
 */
import { unlinkSync } from 'node:fs';
import { pendingTempFiles } from '../runner/write.js';

/** Install the handlers; returns a function that removes them. */
export function cleanUpOnInterrupt(): () => void {
  const handler = (signal: NodeJS.Signals) => {
    for (const temp of pendingTempFiles) {
      try {
        unlinkSync(temp);
      } catch {
        // already renamed or never created
      }
    }
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
