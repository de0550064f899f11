/**
 * `layerfix cache-report [paths] [--since <rev>] [--changed <files>] [--format text|json]`: the RUN steps each change
 * rebuilds, before and after layerfix's rewrite.
 */
import { ConfigError } from '../config/errors.js';
import { nameList, parseCommandArgs } from './args.js';
import { helpText } from './help.js';
import type { CliIO } from './io.js';
import { cacheReportCommand } from './options.js';

/** Run `layerfix cache-report`; returns the exit code. */
export async function runCacheReport(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseCommandArgs(cacheReportCommand, argv);
  if (args.values.help) {
    io.stdout.write(helpText(cacheReportCommand));
    return 0;
  }
  const changed = nameList(args.values.changed);
  const since = args.values.since as string | undefined;
  if (changed && since !== undefined) throw new ConfigError('--changed and --since cannot be used together');
  const { cacheReport } = await import('../cache-report/report.js');
  const { formatJson, formatText } = await import('../cache-report/format.js');
  const report = await cacheReport({ cwd: io.cwd, paths: args.positionals, ...(since !== undefined ? { since } : {}), ...(changed ? { changed } : {}) });
  io.stdout.write(args.values.format === 'json' ? formatJson(report) : formatText(report));
  return 0;
}
