/**
 * cache-report's output: a text table per file and a total line, or the report as JSON.
 */
import type { CacheReport } from './report.js';

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 || i === r.length - 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd()).join('\n');
}

/** The report as text: per file, a row per commit (commit, rebuilt RUNs before, after, subject), then the total. */
export function formatText(report: CacheReport): string {
  const parts: string[] = [];
  for (const file of report.files) {
    const rows = [['commit', 'before', 'after', 'change'], ...file.rows.map((r) => [r.commit, String(r.before), String(r.after), r.subject])];
    rows.push(['total', String(file.before), String(file.after), '']);
    parts.push(`${file.path}\n${table(rows)}\n`);
  }
  parts.push(`Total: ${report.before} rebuilt RUN steps before, ${report.after} after (${report.reduction}% fewer)\n`);
  return parts.join('\n');
}

/** The report as JSON (two-space indented, with a final newline). */
export function formatJson(report: CacheReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
