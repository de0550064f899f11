/**
 * Helpers the ecosystem modules share: reading command-line options, project files and install outputs.
 */
import { posix } from 'node:path';
import { readToml, type DataTable } from '../data-files.js';
import { nodeOptionFiles } from '../node-options.js';
import { homeConfig } from './tool-config.js';
import type { ExtraRead, InstallUse, Manifests, ProjectFolder, Verdict } from './types.js';

/** A command line split into options and positional arguments. */
export interface ParsedArgs {
  /** Positional arguments in order; null where only known at build time. */
  positionals: Array<string | null>;
  /** Options by name as written (`--prefix`, `-C`), each with its values (`true` for a bare flag). */
  options: Map<string, Array<string | null | true>>;
}

/**
 * Split arguments into options and positionals. `valueOptions` names the options that take a value (`--prefix dir`,
 * `--prefix=dir`, and for one-letter options also `-rfile`).
 */
export function parseArgs(args: Array<string | null>, valueOptions: readonly string[]): ParsedArgs {
  const takesValue = new Set(valueOptions);
  const positionals: Array<string | null> = [];
  const options = new Map<string, Array<string | null | true>>();
  const add = (name: string, value: string | null | true) => options.set(name, [...(options.get(name) ?? []), value]);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === null || !arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
    } else if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    } else if (arg.startsWith('--') && arg.includes('=')) {
      add(arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1));
    } else if (takesValue.has(arg)) {
      add(arg, i + 1 < args.length ? args[++i] : null);
    } else if (!arg.startsWith('--') && arg.length > 2 && takesValue.has(arg.slice(0, 2))) {
      add(arg.slice(0, 2), arg.slice(2).replace(/^=/, ''));
    } else add(arg, true);
  }
  return { positionals, options };
}

/** Whether any of the named options was given. */
export function hasOption(parsed: ParsedArgs, ...names: string[]): boolean {
  return names.some((name) => parsed.options.has(name));
}

/** The last value given to any of the named options (null when only known at build time). */
export function optionValue(parsed: ParsedArgs, ...names: string[]): string | null | undefined {
  let found: string | null | undefined;
  for (const name of names) {
    for (const value of parsed.options.get(name) ?? []) if (value !== true) found = value;
  }
  return found;
}

/** All values given to the named options, in order. */
export function optionValues(parsed: ParsedArgs, ...names: string[]): Array<string | null> {
  return names.flatMap((name) => (parsed.options.get(name) ?? []).filter((v): v is string | null => v !== true));
}

/** A decline verdict; `install` when the command is an install that needs more than the manifests. */
export function decline(reason: string, install = false): Verdict {
  return { kind: 'decline', reason, ...(install ? { install } : {}) };
}

/**
 * The verdict for a command that writes the tool's own configuration in a way that changes what an install reads
 * (`go env -w GOFLAGS=...`): declined where it runs, and for an install later in the stage.
 */
export function configures(text: string, what: string): Verdict {
  return {
    kind: 'decline',
    reason: `runs \`${text}\`, which writes ${what} that an install reads and layerfix does not follow`,
    configures: true,
  };
}

/** An install verdict; `reads` are paths it reads besides the manifests (checked against the copy later). */
export function install(
  ecosystem: string,
  project: string | null | undefined,
  options: string[] = [],
  named: string[] = [],
  reads: readonly ExtraRead[] = [],
): Verdict {
  if (project === null) return decline(`runs ${ecosystem} in a folder only known at build time`);
  const use: InstallUse = { ecosystem, project: project ?? '.', named, options: new Set(options), reads };
  return { kind: 'install', use };
}

/**
 * The paths the named environment variables give the tool (each value split at whitespace, as pip and uv split their
 * list variables): a path of null for a variable set to a value layerfix cannot read.
 */
export function environmentReads(
  env: ReadonlyMap<string, string | undefined>,
  variables: readonly string[],
  tool: string,
): ExtraRead[] {
  return variableReads(env, variables, `makes ${tool} use`, /\s+/, (word) =>
    word && !isRemote(word) ? word.replace(/^file:(\/\/)?/, '') : undefined,
  );
}

/** Why the install cannot be split, when the COPY brings a path it reads besides the manifests. */
export function extraReadProblem(project: ProjectFolder, use: InstallUse): string | undefined {
  for (const read of use.reads) {
    if (read.path === null) return `${read.why} a path only known at build time`;
    const path = project.locate(read.path);
    if (path !== undefined && project.context.has(path))
      return `${read.why} ${path || 'the context root'}, which the COPY brings and which is not among the manifests layerfix copies first`;
  }
  return undefined;
}

/**
 * The user configuration files an install reads in the home folder, when an ENV or the RUN sets HOME, and in the
 * folder XDG_CONFIG_HOME names instead of `~/.config`, when one sets it.
 */
function homeReads(env: ReadonlyMap<string, string | undefined>, ecosystem: string): ExtraRead[] {
  return [
    ...configFolderReads(env, 'HOME', '', ecosystem),
    ...configFolderReads(env, 'XDG_CONFIG_HOME', '.config/', ecosystem),
  ];
}

/** The user configuration files below `prefix` of the home folder, read in the folder `variable` names when it is set. */
function configFolderReads(
  env: ReadonlyMap<string, string | undefined>,
  variable: string,
  prefix: string,
  ecosystem: string,
): ExtraRead[] {
  const folder = env.get(variable);
  const files = homeConfig(ecosystem).filter((file) => file.startsWith(prefix));
  if (!env.has(variable) || folder === '' || !files.length) return [];
  const why = `${variable} (${folder ?? 'a value layerfix cannot read'}) makes ${ecosystem} read its user configuration`;
  if (folder === undefined) return [{ path: null, why }];
  return files.map((file) => ({ path: posix.join(folder, file.slice(prefix.length)), why }));
}

/**
 * Variables that point what an install fetches with at files: TLS libraries (OpenSSL, Python's requests) at
 * certificates, and git (which every package manager runs for a git dependency) at its configuration, certificates
 * and credentials.
 */
const FETCH_VARIABLES = [
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'REQUESTS_CA_BUNDLE',
  'CURL_CA_BUNDLE',
  'NETRC',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_SSL_CAINFO',
  'GIT_SSL_CAPATH',
  'GIT_ASKPASS',
  'OPENSSL_CONF',
];

/** Variables that hold a command line whose path words git reads (`ssh -i /app/deploy_key`). */
const FETCH_COMMANDS = ['GIT_SSH_COMMAND', 'GIT_SSH'];

/** The install tools that are Node.js programs. */
const NODE_TOOLS = new Set(['npm', 'yarn', 'pnpm', 'bun']);

/** Variables a tool's runtime reads folders, files or options from (RUBYOPT's `-r./x`, `-I dir`). */
const RUNTIME_PATHS: Readonly<Record<string, readonly string[]>> = {
  bundler: ['RUBYOPT', 'RUBYLIB'],
  composer: ['PHPRC', 'PHP_INI_SCAN_DIR'],
  pip: ['XDG_CONFIG_DIRS'],
  pipenv: ['XDG_CONFIG_DIRS'],
  uv: ['XDG_CONFIG_DIRS'],
};

/** The install tools that run Python (uv too, to build a package from its sources). */
const PYTHON_TOOLS = new Set(['pip', 'pipenv', 'poetry', 'uv']);

/** The variables that give Python folders and files to read at start. */
const PYTHON_PATHS = ['PYTHONPATH', 'PYTHONHOME', 'PYTHONUSERBASE', 'PYTHONSTARTUP'];

/** The variables of JVM options each JVM install tool reads. */
const JVM_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  maven: ['JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', 'MAVEN_OPTS'],
  gradle: ['JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', 'GRADLE_OPTS', 'JAVA_OPTS'],
};

/**
 * What the environment makes an install read besides its manifests: its user configuration (see {@link homeReads}),
 * the certificates and git configuration the fetch variables name, for Node.js tools the certificates
 * NODE_EXTRA_CA_CERTS adds and what NODE_OPTIONS preloads, for JVM tools the files their JVM options name, for
 * Python tools the folders PYTHONPATH puts first.
 */
export function environmentFiles(env: ReadonlyMap<string, string | undefined>, ecosystem: string): ExtraRead[] {
  const out = [...homeReads(env, ecosystem), ...environmentReads(env, FETCH_VARIABLES, ecosystem)];
  const pathLike = (word: string) => (/^[./~]/.test(word) || word.includes('/')) && !isRemote(word);
  // `ssh -i /app/deploy_key`: the words of git's ssh command that are paths.
  out.push(
    ...variableReads(env, FETCH_COMMANDS, `makes ${ecosystem}'s git read`, /\s+/, (word) =>
      /^[./~]/.test(word) ? word : undefined,
    ),
  );
  if (NODE_TOOLS.has(ecosystem)) {
    out.push(...environmentReads(env, ['NODE_EXTRA_CA_CERTS'], ecosystem));
    // A bare name is a package, found in the project's node_modules.
    const options = env.has('NODE_OPTIONS') ? (env.get('NODE_OPTIONS') ?? null) : '';
    const why = `NODE_OPTIONS makes ${ecosystem} load`;
    if (options === null) out.push({ path: null, why });
    for (const file of nodeOptionFiles(options ?? ''))
      out.push({ path: /^[./~]/.test(file) ? file : 'node_modules', why });
  }
  // `-Djavax.net.ssl.trustStore=certs/store.jks`, `-javaagent:/app/agent.jar`, `@jvm.args`: the option values that
  // are paths (relative ones from the working directory).
  out.push(
    ...variableReads(env, JVM_OPTIONS[ecosystem] ?? [], `makes ${ecosystem}'s JVM read`, /\s+/, (word) => {
      const value = /^(?:-[^=:]+[=:]|@)(.+)$/.exec(word)?.[1];
      return value !== undefined && (pathLike(value) || word.startsWith('@')) ? value : undefined;
    }),
  );
  // Folders a language runtime searches first, or configuration it loads (`RUBYLIB=/app/lib`, RUBYOPT's `-r./boot`).
  out.push(
    ...variableReads(env, RUNTIME_PATHS[ecosystem] ?? [], `makes ${ecosystem} read`, /[\s:]+/, (word) => {
      const path = word.replace(/^-[rI]/, '');
      return path && pathLike(path) ? path : undefined;
    }),
  );
  // Python puts PYTHONPATH's folders first on sys.path: a sitecustomize.py there runs at every start, and a module
  // there shadows the standard library's.
  if (PYTHON_TOOLS.has(ecosystem))
    out.push(...variableReads(env, PYTHON_PATHS, `makes ${ecosystem}'s Python read`, /:/, (word) => word || undefined));
  return out;
}

/**
 * The paths `pathOf` finds among the words (split at `separator`) of each variable the environment sets; a value only
 * known at build time is a read of a path layerfix cannot tell.
 */
function variableReads(
  env: ReadonlyMap<string, string | undefined>,
  variables: readonly string[],
  what: string,
  separator: RegExp,
  pathOf: (word: string) => string | undefined,
): ExtraRead[] {
  const out: ExtraRead[] = [];
  for (const variable of variables) {
    if (!env.has(variable)) continue;
    const value = env.get(variable);
    const why = `${variable} ${what}`;
    if (value === undefined) out.push({ path: null, why });
    for (const word of (value ?? '').split(separator)) {
      const path = pathOf(word);
      if (path) out.push({ path, why });
    }
  }
  return out;
}

/** Whether an environment variable is set to a true value (`1`, `true`, `yes`, `on`), as the tools read flags. */
export function envFlag(env: ReadonlyMap<string, string | undefined>, name: string): boolean {
  return /^(1|true|yes|on)$/i.test(env.get(name) ?? '');
}

/** Whether a location is a remote URL (`https://`, `git+ssh://`), not a local path or `file:` URL (`git+file:` too). */
export function isRemote(location: string): boolean {
  return /^([a-z][a-z0-9+.-]*:\/\/|git@)/i.test(location) && !/^([a-z]+\+)?file:/i.test(location);
}

/**
 * The verdict for an install that writes a manifest (`npm install express` writes package.json, `composer update` the
 * lockfile): after the split the broad COPY would put the context's copy back over it.
 */
export function writesManifests(text: string): Verdict {
  return decline(
    `changes the manifests with \`${text}\`, and the COPY would then put the context's copies back over the changes`,
    true,
  );
}

/** The verdict for a command that needs the sources: what it runs and why that stops the split. */
export function needsSources(text: string): Verdict {
  return decline(`also runs \`${text}\`, which needs more than the manifests`);
}

/** The context paths of the named project files that the copy brings (files or folders), in the given order. */
export function present(project: ProjectFolder, names: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    const path = project.path(name);
    if (path !== undefined && project.context.has(path) && !out.includes(path)) out.push(path);
  }
  return out;
}

/** The text of a project file the copy brings, if any. */
export function readProject(project: ProjectFolder, name: string): string | undefined {
  const path = project.path(name);
  return path === undefined ? undefined : project.context.read(path);
}

/** A project's JSON file: its value, undefined when absent, or a decline when it does not parse. */
export function readJson(
  project: ProjectFolder,
  name: string,
): { value?: Record<string, unknown> } | { decline: string } {
  const text = readProject(project, name);
  if (text === undefined) return {};
  try {
    const value = JSON.parse(text.replace(/^\ufeff/, ''));
    return { value: value && typeof value === 'object' && !Array.isArray(value) ? value : {} };
  } catch (error) {
    return { decline: `${where(project, name)} is not valid JSON (${(error as Error).message})` };
  }
}

/** A project's TOML file: its value, undefined when absent, or a decline when it does not parse. */
export function readTomlFile(project: ProjectFolder, name: string): { value?: DataTable } | { decline: string } {
  const text = readProject(project, name);
  if (text === undefined) return {};
  try {
    return { value: readToml(text) };
  } catch (error) {
    return { decline: `layerfix cannot read ${where(project, name)} (${(error as Error).message})` };
  }
}

/** A project path as messages show it (`frontend/package.json`). */
export function where(project: ProjectFolder, name: string): string {
  return posix.join(project.dir, name) || '.';
}

/** A decline when the project lacks the file its install needs first of all. */
export function missing(project: ProjectFolder, names: string[]): Manifests {
  const list = names.map((name) => `\`${name}\``).join(' or ');
  return {
    decline: `the build context has no ${list} in ${project.dir || 'its root'} (or .dockerignore leaves it out)`,
  };
}

/**
 * A decline when the context holds what the install writes into the project (`node_modules`, `.venv`): the broad
 * COPY, now after the install, would copy it over the installed one.
 */
export function outputsInContext(
  project: ProjectFolder,
  folders: string[],
  outputs: readonly string[],
): string | undefined {
  for (const folder of ['.', ...folders]) {
    for (const output of outputs) {
      const path = project.path(posix.join(folder, output));
      if (path !== undefined && project.context.has(path)) {
        return `the build context holds ${path}, which the COPY would then copy over what the install wrote (add it to .dockerignore)`;
      }
    }
  }
  return undefined;
}

/**
 * The folders from `from` (relative to the project) up to the top of what the copy brings, as project-relative paths
 * (`.`, `..`, `../..`). At `/`, `..` is `/` again: the walk stops when a step up no longer moves.
 */
export function* foldersUp(project: ProjectFolder, from = '.'): Generator<string> {
  let below: string | undefined;
  for (let up = from; project.path(up) !== undefined && project.path(up) !== below; up = posix.join(up, '..')) {
    below = project.path(up);
    yield up;
  }
}

/**
 * A decline when a folder above the project (among what the COPY brings) holds a file that makes the tool read that
 * folder too, such as the root of the workspace the project belongs to. `marker` names that file for a folder
 * (relative to the project, `..`, `../..`), or returns undefined.
 */
export function enclosingRoot(
  project: ProjectFolder,
  tool: string,
  marker: (folder: string) => string | undefined,
): string | undefined {
  for (const up of foldersUp(project)) {
    if (up === '.') continue;
    const found = marker(up);
    const path = found === undefined ? undefined : project.path(found);
    if (path !== undefined)
      return `${tool} runs in ${project.dir || 'the context root'} and also reads ${path} in a folder above it, which the split would not copy (run the install from that folder instead)`;
  }
  return undefined;
}

/** The git repository (`.git`) the copy brings in the project folder or a folder above it, as git finds it; context-relative. */
export function gitInCopy(project: ProjectFolder): string | undefined {
  for (const up of foldersUp(project)) {
    const path = project.path(posix.join(up, '.git'));
    if (path !== undefined && project.context.has(path)) return path;
  }
  return undefined;
}

/** The name of the first of `names` that exists in `folder` (relative to the project), as a project-relative path. */
export function firstIn(
  project: ProjectFolder,
  folder: string,
  names: string[],
  test: (text: string) => boolean = () => true,
): string | undefined {
  for (const name of names) {
    const text = readProject(project, posix.join(folder, name));
    if (text !== undefined && test(text)) return posix.join(folder, name);
  }
  return undefined;
}

/** Whether a path names something local (not a package name or URL): `.`, `./x`, `../x`, `/x`, `~/x`, `file:`. */
export function isLocalPath(spec: string): boolean {
  return /^(\.{1,2}(\/|$)|\/|~\/|file:)/.test(spec);
}
