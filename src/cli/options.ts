/**
 * The command-line options as data: one table drives argument parsing, `--help` and the README's option list.
 */

/** One command-line option. */
export interface CliOption {
  /** Long name, without the leading `--`. */
  name: string;
  /** One-letter alias, without the `-`. */
  short?: string;
  /** `boolean` flags take no value; `string` options take one (repeatable when `multiple`). */
  type: 'boolean' | 'string';
  /** The value's placeholder in help, e.g. `<n>`. */
  value?: string;
  /** Allowed values, when the set is closed. */
  values?: readonly string[];
  /** The value used when the option is absent, as shown in help. */
  default?: string;
  /** May be given more than once. */
  multiple?: boolean;
  /** One line saying what it does. */
  description: string;
}

/** A command: its usage line, what it does, its options. */
/** `--help`, which every command takes. */
const HELP_OPTION: CliOption = { name: 'help', short: 'h', type: 'boolean', description: 'Print this help and exit.' };

export interface CliCommand {
  name: string;
  usage: string;
  description: string;
  options: readonly CliOption[];
}

/** Output formats of the main command. */
const FORMATS = ['text', 'json', 'sarif', 'github'] as const;

/** Output formats of `layerfix parse`. */
const PARSE_FORMATS = ['cst', 'buildkit', 'print'] as const;

/** The main command: rewrite Dockerfiles. */
export const mainCommand: CliCommand = {
  name: 'layerfix',
  usage: 'layerfix [options] [paths...]',
  description:
    'Find the Dockerfiles in the given files, folders or globs (default: the current folder; - for standard input) and run the layer transforms over them. Without --write or --check it is a dry run that prints a unified diff per changed file.',
  options: [
    {
      name: 'write',
      short: 'w',
      type: 'boolean',
      description: 'Write changed files in place (atomically, keeping mode, line endings and BOM).',
    },
    {
      name: 'check',
      short: 'c',
      type: 'boolean',
      description: 'Write nothing; list the files that would change and exit 1 if there are any.',
    },
    {
      name: 'list-different',
      short: 'l',
      type: 'boolean',
      description: 'Print only the paths of files that would change (exit 1 if any, unless --write).',
    },
    {
      name: 'stdout',
      type: 'boolean',
      description: 'Print the rewritten file instead of a diff (one file, or standard input).',
    },
    {
      name: 'stdin-filepath',
      type: 'string',
      value: '<path>',
      description:
        'Read the Dockerfile from standard input (as the path `-` does); the path picks the configuration and names it in messages.',
    },
    {
      name: 'only',
      type: 'string',
      value: '<names>',
      multiple: true,
      description: 'Run only these transforms (comma-separated, repeatable).',
    },
    {
      name: 'skip',
      type: 'string',
      value: '<names>',
      multiple: true,
      description: 'Do not run these transforms (comma-separated, repeatable).',
    },
    {
      name: 'explain',
      type: 'boolean',
      description: 'Also print what each transform changed, and where it declined to act and why.',
    },
    {
      name: 'quiet',
      short: 'q',
      type: 'boolean',
      description:
        'Print errors only: no warnings, explanations or summary on stderr (diffs and lists on stdout stay).',
    },
    {
      name: 'format',
      short: 'f',
      type: 'string',
      value: '<format>',
      values: FORMATS,
      default: 'text',
      description: 'Report format: text, json, sarif (SARIF 2.1.0 with fixes) or github (workflow annotations).',
    },
    {
      name: 'output-file',
      short: 'o',
      type: 'string',
      value: '<path>',
      description: 'Write the report (what goes to stdout: diffs, lists, JSON, SARIF) to this file instead of stdout.',
    },
    {
      name: 'color',
      type: 'boolean',
      description: 'Colour the output even when it is not a terminal (over NO_COLOR and FORCE_COLOR).',
    },
    { name: 'no-color', type: 'boolean', description: 'Never colour the output (over NO_COLOR and FORCE_COLOR).' },
    {
      name: 'config',
      type: 'string',
      value: '<path>',
      description: 'Use this configuration file for every file instead of searching for one.',
    },
    { name: 'no-config', type: 'boolean', description: 'Use no configuration file at all: built-in defaults only.' },
    {
      name: 'context',
      type: 'string',
      value: '<dir>',
      default: 'found from the repository',
      description:
        "The build context of every Dockerfile (over the configuration's `context` and the context found from compose, bake, workflow, GitLab CI, skaffold, dev container, Makefile and script files).",
    },
    {
      name: 'target',
      type: 'string',
      value: '<stage>',
      default: 'as the build files say, else the last stage',
      description:
        "The stage every Dockerfile is built to (over the configuration's `target`): merge-runs merges only in the stages the image is made of.",
    },
    {
      name: 'ignore-path',
      type: 'string',
      value: '<path>',
      multiple: true,
      description:
        'Read ignore patterns from this file (`.gitignore` syntax, relative to its folder; repeatable) instead of the `.gitignore` and `.layerfixignore` files of the folders searched.',
    },
    {
      name: 'no-error-on-unmatched-pattern',
      type: 'boolean',
      description: 'A path or pattern that matches no file is not an error (default: a message and exit 2).',
    },
    {
      name: 'list-transforms',
      type: 'boolean',
      description: 'List the transforms (built-in and from plugins) with their options and defaults.',
    },
    {
      name: 'print-config',
      type: 'string',
      value: '<file>',
      description: 'Print the configuration resolved for a file, as JSON, and exit.',
    },
    {
      name: 'concurrency',
      type: 'string',
      value: '<n>',
      default: 'number of cores',
      description: 'Worker threads to process files on (1: on the main thread).',
    },
    { name: 'version', short: 'v', type: 'boolean', description: 'Print the version and exit.' },
    HELP_OPTION,
  ],
};

/** `layerfix parse`: print how layerfix reads one file. */
export const parseCommand: CliCommand = {
  name: 'parse',
  usage: 'layerfix parse [options] <file>',
  description:
    'Print how layerfix reads one Dockerfile; diagnostics go to stderr as path:line:col: message [ruleId], and any error exits 2.',
  options: [
    {
      name: 'format',
      short: 'f',
      type: 'string',
      value: '<format>',
      values: PARSE_FORMATS,
      default: 'cst',
      description:
        "cst: the syntax tree as JSON; buildkit: the instructions in the form of BuildKit's Node.Dump(); print: the file printed back from the tree.",
    },
    HELP_OPTION,
  ],
};

/** `layerfix new-transform`: scaffold a plugin transform. */
export const newTransformCommand: CliCommand = {
  name: 'new-transform',
  usage: 'layerfix new-transform [options] <name>',
  description:
    'Create layerfix/<name>.ts (a typed transform that already passes its fixture), a first fixture pair, and register it in the configuration found from here (a layerfix.config.ts is edited with its formatting and comments kept, JSON and YAML as data; with none, layerfix.config.ts is created).',
  options: [
    {
      name: 'config',
      type: 'string',
      value: '<path>',
      description: 'Register the plugin in this configuration file instead of the one found.',
    },
    HELP_OPTION,
  ],
};

/** `layerfix cache-report`: what the rewrite buys in rebuilt RUN steps over a git history. */
export const cacheReportCommand: CliCommand = {
  name: 'cache-report',
  usage: 'layerfix cache-report [options] [paths...]',
  description:
    'For each Dockerfile and each commit of <since>..HEAD (or the files given with --changed), count the shell commands (and RUN steps) the change makes the build cache rerun, for the file as it is and as layerfix would rewrite it under its configuration, telling moves and manifest splits apart from merges, with source edits apart from edits of the Dockerfile itself.',
  options: [
    {
      name: 'since',
      type: 'string',
      value: '<rev>',
      default: 'all of HEAD',
      description: 'Report on the commits after this revision, up to HEAD.',
    },
    {
      name: 'max-count',
      short: 'n',
      type: 'string',
      value: '<n>',
      default: 'all',
      description: 'Report on the last <n> commits of the range only.',
    },
    {
      name: 'first-parent',
      type: 'boolean',
      description: 'Follow only the first parent of merge commits (the main line).',
    },
    {
      name: 'changed',
      type: 'string',
      value: '<files>',
      multiple: true,
      description: 'Report on these changed files (comma-separated, repeatable) instead of the git history.',
    },
    {
      name: 'context',
      type: 'string',
      value: '<dir>',
      default: 'found from the repository',
      description: 'The build context of every Dockerfile, as for the main command.',
    },
    {
      name: 'config',
      type: 'string',
      value: '<path>',
      description: 'Use this configuration file for every file instead of searching for one.',
    },
    {
      name: 'no-config',
      type: 'boolean',
      description: 'Use no configuration file: the default transforms and options.',
    },
    { name: 'verbose', type: 'boolean', description: 'Also print a row per commit for each Dockerfile.' },
    {
      name: 'format',
      short: 'f',
      type: 'string',
      value: '<format>',
      values: ['text', 'json'],
      default: 'text',
      description:
        'text: a summary per Dockerfile and the totals (one screen); json: everything, per-commit rows included.',
    },
    HELP_OPTION,
  ],
};

/** Every command, the main one first. */
export const commands: readonly CliCommand[] = [mainCommand, parseCommand, newTransformCommand, cacheReportCommand];
