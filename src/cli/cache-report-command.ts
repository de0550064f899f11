/**
 * `layerfix cache-report [paths] [--since <rev>] [--max-count <n>] [--first-parent] [--changed <files>]
 * [--context <dir>] [--config <path> | --no-config] [--verbose] [--format text|json]`: the shell commands and RUN
 * steps each change reruns, before and after layerfix's rewrite. Progress goes to stderr on a terminal.
 */
import { ConfigError } from '../config/errors.js';
import { nameList, parseCommandArgs } from './args.js';
import { helpText } from './help.js';
import type { CliIO } from './io.js';
import { cacheReportCommand } from './options.js';

function maxCount(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new ConfigError(`--max-count: got "${value}", expected a whole number of at least 1`);
  return n;
}

/** Run `layerfix cache-report`; returns the exit code. */
export async function runCacheReport(argv: readonly string[], io: CliIO): Promise<number> {
  const args = await parseCommandArgs(cacheReportCommand, argv);
  if (args.values.help) {
    io.stdout.write(helpText(cacheReportCommand));
    return 0;
  }
  const v = args.values;
  const changed = nameList(v.changed);
  const since = v.since as string | undefined;
  if (changed && since !== undefined) throw new ConfigError('--changed and --since cannot be used together');
  if (changed && (v['max-count'] !== undefined || v['first-parent']))
    throw new ConfigError('--changed reads no history, so --max-count and --first-parent cannot be used with it');
  if (v.config && v['no-config']) throw new ConfigError('--config and --no-config cannot be used together');
  const count = maxCount(v['max-count']);
  const { cacheReport } = await import('../cache-report/report.js');
  const { formatJson, formatText } = await import('../cache-report/format.js');
  const tty = Boolean(io.stderr.isTTY) && !io.env.CI;
  let shown = false;
  let last = 0;
  const report = await cacheReport({
    cwd: io.cwd,
    paths: args.positionals,
    ...(since !== undefined ? { since } : {}),
    ...(changed ? { changed } : {}),
    ...(count !== undefined ? { maxCount: count } : {}),
    firstParent: Boolean(v['first-parent']),
    ...(v['no-config'] ? { config: false as const } : v.config !== undefined ? { config: v.config as string } : {}),
    ...(v.context !== undefined ? { context: v.context as string } : {}),
    onProgress: tty
      ? (done, total) => {
          const now = Date.now();
          if (done < total && now - last < 100) return;
          last = now;
          shown = true;
          io.stderr.write(
            `\r\x1b[2Kcache-report: ${done}/${total} (commit, Dockerfile) pairs (${Math.floor((done / total) * 100)}%)`,
          );
        }
      : undefined,
  });
  if (shown) io.stderr.write('\r\x1b[2K');
  io.stdout.write(v.format === 'json' ? formatJson(report) : formatText(report, { verbose: Boolean(v.verbose) }));
  return 0;
}
