/**
 * cache-report's output: a text summary that fits one screen (the range, a row per Dockerfile sorted by gain, the
 * totals and per-commit means; the per-commit rows only with `--verbose`), or the whole report as JSON.
 */
import type { CacheReport, CacheReportFile, Tally } from './report.js';

function table(rows: string[][], left = new Set([0])): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => (left.has(i) ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function percent(before: number, after: number): string {
  if (!before) return after ? 'more' : '-';
  return `${Math.round(((before - after) / before) * 1000) / 10}%`;
}

function header(report: CacheReport): string {
  const files = `${report.files.length} Dockerfile${report.files.length === 1 ? '' : 's'}`;
  const range = report.range;
  if (!range) return `cache-report: the changed files, ${files}`;
  const how = [
    range.since !== undefined ? `after ${range.since}` : 'all of HEAD',
    range.maxCount !== undefined ? `last ${range.maxCount}` : '',
    range.firstParent ? 'first parent only' : '',
  ]
    .filter(Boolean)
    .join(', ');
  if (!range.first || !range.last) return `cache-report: no commits (${how}); ${files}`;
  return `cache-report: ${range.commits} commit${range.commits === 1 ? '' : 's'} (${how}), ${range.first.commit} ${range.first.subject} .. ${range.last.commit} ${range.last.subject}; ${files}`;
}

function fileRows(files: readonly CacheReportFile[]): string[][] {
  return files.map((f) => [
    f.path,
    String(f.source.before.commands),
    String(f.source.after.commands),
    percent(f.source.before.commands, f.source.after.commands),
    signed(f.source.withoutMerges.commands - f.source.before.commands),
    signed(f.source.after.commands - f.source.withoutMerges.commands),
    `${f.source.before.runs} -> ${f.source.after.runs}`,
    f.dockerfile.commits
      ? `${f.dockerfile.commits}: ${f.dockerfile.before.commands} -> ${f.dockerfile.after.commands}`
      : '-',
    `${f.context}${f.target ? ` @${f.target}` : ''}`,
  ]);
}

function totalLine(label: string, t: Tally): string {
  return `${label}: ${t.commits} (commit, Dockerfile) pairs; shell commands rerun ${t.before.commands} before, ${t.after.commands} after (${percent(t.before.commands, t.after.commands)} fewer); RUN steps ${t.before.runs} before, ${t.after.runs} after`;
}

/** The report as text; `verbose` adds every commit's row per file. */
export function formatText(report: CacheReport, options: { verbose?: boolean } = {}): string {
  const parts = [header(report), ''];
  parts.push(
    'Source edits (commits that leave the Dockerfile alone): shell commands rerun, before and after the rewrite',
  );
  const head = [
    'file',
    'before',
    'after',
    'fewer',
    'moves/splits',
    'merges',
    'RUN steps',
    'Dockerfile edits',
    'context',
  ];
  // Files a source edit never made rerun anything are summed up in one line, so the table fits a screen.
  const listed = report.files.filter((f) => f.source.before.commands || f.source.after.commands);
  const quiet = report.files.filter((f) => !listed.includes(f));
  parts.push(table([head, ...fileRows(listed)], new Set([0, 7, 8])));
  if (quiet.length) {
    const names = quiet
      .slice(0, 4)
      .map((f) => f.path)
      .join(', ');
    parts.push(
      `${listed.length ? 'and ' : ''}${quiet.length} Dockerfile${quiet.length === 1 ? '' : 's'} where no source edit reran anything: ${names}${quiet.length > 4 ? `, and ${quiet.length - 4} more` : ''}`,
    );
  }
  parts.push('');
  parts.push(totalLine('Source edits', report.source));
  parts.push(
    `  from moves and manifest splits: ${signed(-report.fromMoves)} commands; from merges: ${signed(report.fromMerges)} (a merge never saves a command: it can only make a stable step rerun with a changing one)`,
  );
  parts.push(
    `  per commit and Dockerfile: ${report.perCommit.before} commands before, ${report.perCommit.after} after`,
  );
  if (report.dockerfile.commits) parts.push(totalLine('Dockerfile edits', report.dockerfile));
  const unknown = report.files.filter((f) => f.contextSource.startsWith('no build context'));
  for (const file of unknown) parts.push(`${file.path}: ${file.contextSource}`);
  if (options.verbose) {
    for (const file of report.files) {
      parts.push('', `${file.path} (context ${file.context}: ${file.contextSource})`);
      const rows = file.rows.map((r) => [
        r.commit,
        r.kind === 'dockerfile' ? 'Dockerfile' : 'source',
        String(r.before.commands),
        String(r.after.commands),
        String(r.withoutMerges.commands),
        `${r.before.runs} -> ${r.after.runs}`,
        r.subject,
      ]);
      parts.push(
        table(
          [['commit', 'edit', 'before', 'after', 'no merges', 'RUN steps', 'subject'], ...rows],
          new Set([0, 1, 6]),
        ),
      );
    }
  } else if (report.files.some((f) => f.rows.length)) {
    parts.push('', 'Per-commit rows: --verbose or --format json.');
  }
  return `${parts.join('\n')}\n`;
}

/** The report as JSON (two-space indented, with a final newline). */
export function formatJson(report: CacheReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
