/**
 * Pick a reporter by format name; each loads only when asked for.
 */
import type { Reporter, ReporterContext } from './types.js';

/** The reporter for `format` (text, json, sarif, github). */
export async function createReporter(format: string, context: ReporterContext): Promise<Reporter> {
  switch (format) {
    case 'json':
      return (await import('./json.js')).jsonReporter(context);
    case 'sarif':
      return (await import('./sarif.js')).sarifReporter(context);
    case 'github':
      return (await import('./github.js')).githubReporter(context);
    default:
      return (await import('./text.js')).textReporter(context);
  }
}
