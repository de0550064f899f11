/**
 * Benchmark results as data, and their rendering as compact Markdown tables ready for the README.
 */

/** A table: header cells and rows of already formatted cells. */
export interface Table {
  caption?: string;
  headers: string[];
  rows: string[][];
}

/** What one benchmark reports: its tables, plus notes (targets, caveats, what could not be measured). */
export interface BenchReport {
  title: string;
  tables: Table[];
  notes: string[];
}

/** One benchmark: a name for the command line and a function that measures and reports. */
export interface Bench {
  name: string;
  run(): Promise<BenchReport>;
}

/** A number with thousands separators and a fixed number of decimals. */
export function num(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A ratio as `12.3x`. */
export function ratio(value: number): string {
  return `${num(value, value >= 10 ? 1 : 2)}x`;
}

/** A target verdict cell: `yes` / `no`, with the target spelled out. */
export function meets(ok: boolean, target: string): string {
  return `${ok ? 'yes' : 'NO'} (${target})`;
}

/** Markdown for one table. */
export function markdownTable(table: Table): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const lines = [
    `| ${table.headers.map(escape).join(' | ')} |`,
    `| ${table.headers.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...table.rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ];
  return (table.caption ? `${table.caption}\n\n` : '') + lines.join('\n');
}

/** Markdown for a whole benchmark report: a heading, its tables and its notes. */
export function markdownReport(report: BenchReport): string {
  const parts = [`### ${report.title}`, ...report.tables.map(markdownTable)];
  if (report.notes.length) parts.push(report.notes.map((note) => `- ${note}`).join('\n'));
  return parts.join('\n\n');
}
