/**
 * What every reporter is given and must do.
 */
import type { FileResult, FilesReport } from '../runner/types.js';
import type { RunMode } from './summary.js';

/** Somewhere to write text. */
export interface Writer {
  write(text: string): void;
}

/** What a reporter knows about the run. */
export interface ReporterContext {
  mode: RunMode;
  /** Print change and skip messages too. */
  explain: boolean;
  /** Print errors only: no warnings, no explanations, no summary (the results on stdout stay). */
  quiet?: boolean;
  /**
   * The command that applies what a `--check` found, for the files given (relative paths as shown), e.g.
   * `layerfix --write Dockerfile`; undefined when there is none to suggest (standard input).
   */
  fixCommand?(changed: readonly string[]): string;
  /** Standard output: diffs, lists, machine-readable reports. */
  out: Writer;
  /** Standard error: messages and the summary. */
  err: Writer;
  /** Colour output on `out` / `err`. */
  color: { out: boolean; err: boolean };
  /** The working directory paths are relative to. */
  cwd: string;
  /** layerfix's version. */
  version: string;
}

/** Prints a run: each file as it finishes, then the end. */
export interface Reporter {
  file(result: FileResult): void;
  end(report: FilesReport): void | Promise<void>;
}
