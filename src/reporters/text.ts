/**
 * The human report: diffs (dry run) or one line per changed file on stdout, messages and the summary on stderr,
 * so that the stdout of a dry run is a patch `git apply` accepts.
 */
import type { FileResult, FilesReport } from '../runner/types.js';
import { colors, type Colors } from './palette.js';
import { buildLines } from './build.js';
import { formatMessage, isShown } from './message.js';
import { formatChanges, formatSummary } from './summary.js';
import type { Reporter, ReporterContext } from './types.js';

/** A unified diff with colours: headers bold, hunk lines cyan, removals red, additions green. */
export function colorDiff(diff: string, c: Colors): string {
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('--- ') || line.startsWith('+++ ')) return c.bold(line);
      if (line.startsWith('@@')) return c.cyan(line);
      if (line.startsWith('-')) return c.red(line);
      if (line.startsWith('+')) return c.green(line);
      return line;
    })
    .join('\n');
}

/** After a `--check` that found changes: the command that applies them. */
export function fixHint(
  context: Pick<ReporterContext, 'mode' | 'fixCommand'>,
  changed: readonly string[],
): string | undefined {
  if (context.mode !== 'check' || !changed.length || !context.fixCommand) return undefined;
  return `layerfix: to apply the changes, run: ${context.fixCommand(changed)}`;
}

/** The text reporter. */
export function textReporter(context: ReporterContext): Reporter {
  const out = colors(context.color.out);
  const err = colors(context.color.err);
  const paint = (line: string, kind: string) =>
    kind === 'error' ? err.red(line) : kind === 'warning' || kind === 'finding' ? err.yellow(line) : err.dim(line);
  const changedPaths: string[] = [];
  return {
    file(result: FileResult) {
      const changed = result.status === 'changed';
      if (changed) {
        changedPaths.push(result.path);
        if (context.mode === 'dry-run' && result.diff) context.out.write(colorDiff(result.diff, out));
        else if (context.mode === 'list') context.out.write(`${result.path}\n`);
        else if (context.mode === 'check')
          context.out.write(`${result.path}: would change (${formatChanges(result.changes)})\n`);
        else if (context.mode === 'write' && result.written)
          context.out.write(`${result.path}: written (${formatChanges(result.changes)})\n`);
      }
      if (context.explain && result.build)
        for (const line of buildLines(result.path, result.build, context.cwd)) context.err.write(`${err.dim(line)}\n`);
      for (const message of result.messages) {
        if (isShown(message, context.explain, context.quiet))
          context.err.write(`${paint(formatMessage(result.path, message, result.written), message.kind)}\n`);
      }
    },
    end(report: FilesReport) {
      if (context.mode === 'list' || context.quiet) return;
      context.err.write(`${formatSummary(report.summary, context.mode)}\n`);
      const hint = fixHint(context, changedPaths);
      if (hint) context.err.write(`${hint}\n`);
    },
  };
}
