/**
 * The types of the file-level API: what `layerfixFiles` takes, and what it reports for each file and for the run.
 */
import type { BuildInfo } from '../build-context/index.js';
import type { MessageKind } from '../engine/index.js';

/** What happened to one file. `skipped`: found but deliberately not processed (e.g. a symlink out of the tree). */
export type FileStatus = 'changed' | 'unchanged' | 'skipped' | 'error';

/** A message about one file, as plain data (safe to send between threads and to print as JSON). */
export interface FileMessage {
  kind: MessageKind;
  /** The transform or rule that reported it (kebab-case). */
  ruleId: string;
  /**
   * The text of the message. For a change, what was done (`Merged RUN at 4:1 into RUN at 3:1`); reporters say it as
   * `planned` instead when the change was not written (a dry run, `--check`): see `changeText` in the reporters.
   */
  message: string;
  /** For a change its transform said both ways: the phrasing for a run that did not write it (`Would merge ...`). */
  planned?: string;
  /** For a finding: the rule's name in the tool that defines it (BuildKit's `FromAsCasing`, hadolint's `DL3027`). */
  rule?: string;
  /** 1-based line; 1 when the message concerns the whole file. */
  line: number;
  /** 1-based column; 1 when the message concerns the whole file. */
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Where the rule is documented. */
  url?: string;
}

/** One replacement of a text span, in UTF-16 units of the original text (for SARIF fixes). */
export interface Replacement {
  /** Offset of the first replaced character. */
  offset: number;
  /** How many characters are replaced (0 for a pure insertion). */
  length: number;
  /** The text that takes their place. */
  text: string;
}

/** The outcome for one file. */
export interface FileResult {
  /** The path as the user sees it: relative to the working directory when inside it, else absolute. */
  path: string;
  /** The absolute path. */
  absolutePath: string;
  status: FileStatus;
  /** True when the new content was written to disk. */
  written: boolean;
  /** Errors, warnings, changes made and places skipped, in source order. */
  messages: FileMessage[];
  /** How many changes each transform made. */
  changes: Record<string, number>;
  /** The unified diff of the change (`--- a/path` / `+++ b/path`), when asked for and the file changed. */
  diff?: string;
  /** The new text, when asked for (`output: true`); the input itself when the file did not change. */
  output?: string;
  /** The change as span replacements of the original text, when asked for (`fixes: true`). */
  replacements?: Replacement[];
  /** The original text, when asked for (`input: true`). */
  input?: string;
  /** The build context the file was given (absolute), where it came from, and notes on how it was chosen. */
  build?: BuildInfo;
}

/** Counts over a run. */
export interface Summary {
  /** Files found (processed, skipped or failed). */
  scanned: number;
  changed: number;
  unchanged: number;
  skipped: number;
  failed: number;
  /** Files written to disk. */
  written: number;
  /** Changes per transform name, over all files. */
  changes: Record<string, number>;
  /** Findings (rules a file breaks, reported without a change), over all files; absent: none. */
  findings?: number;
}

/** What a whole run reports. */
export interface FilesReport {
  files: FileResult[];
  summary: Summary;
  /** The plugin modules (absolute paths) whose transforms ran on some file, for reporters that list every rule. */
  plugins: string[];
  /** Paths and patterns given that matched no file (a missing path, a glob or folder with no Dockerfile), and how. */
  unmatched: UnmatchedPath[];
}

/** A path or pattern given that matched no file. */
export interface UnmatchedPath {
  /** As given. */
  path: string;
  /** How it matched nothing, e.g. `No files match this pattern`. */
  message: string;
}

/** Options of `layerfixFiles`: the CLI's flags as data. */
export interface LayerfixFilesOptions {
  /** Base for relative paths and globs (default: `process.cwd()`). */
  cwd?: string;
  /** Write changed files in place, atomically (default: false, a dry run). */
  write?: boolean;
  /** Run only these transforms. */
  only?: string[];
  /** Do not run these transforms. */
  skip?: string[];
  /**
   * The build context of every file (relative to `cwd`); wins over the configuration's `context` and over the context
   * found from the repository's build files (compose, bake, workflows, skaffold, dev containers, Makefiles, scripts).
   */
  context?: string;
  /** The stage every file is built to (`--target`); wins over the configuration's `target` and the build files. */
  target?: string;
  /** A configuration file to use for every file instead of searching; `false` uses no configuration at all. */
  config?: string | false;
  /** Worker threads; 1 processes files on the calling thread (default: the number of cores). */
  concurrency?: number;
  /**
   * A file still not done after this many milliseconds fails with `timeout` (default: 120,000). On a worker thread the
   * worker is stopped and replaced; on the calling thread the pipeline checks the time at every step of a transform.
   */
  fileTimeoutMs?: number;
  /** Ignore files to use instead of each folder's `.gitignore` and `.layerfixignore` (relative to `cwd`). */
  ignorePath?: string[];
  /** Include a unified diff for changed files (default: true). */
  diff?: boolean;
  /** Include the new text of each file (default: false). */
  output?: boolean;
  /** Include the original text of each file (default: false). */
  input?: boolean;
  /** Include span replacements for changed files (default: false). */
  fixes?: boolean;
  /** Keep every result in the returned report (default: true); false keeps only the summary, for long streamed runs. */
  retain?: boolean;
  /** Called once the files are known, before any is processed. */
  onStart?(total: number): void;
  /** Called for each file as it finishes, in discovery order. */
  onFile?(result: FileResult, index: number, total: number): void;
}
