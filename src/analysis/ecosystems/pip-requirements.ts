/**
 * pip's requirements as pip reads them, from every input alike: the command line, requirement and constraint files
 * (followed through `-r`/`-c`), and the `PIP_*` variables. A requirement is a package only when it reads as a PEP 508
 * requirement by name (or a remote URL); anything else (`.[server]`, `libs/greeting`, `x.whl`, `file:`) is a local
 * path, which needs more than the manifests.
 */
import { posix } from 'node:path';
import { environmentReads, isRemote } from './common.js';
import type { ExtraRead, Manifests, ProjectFolder } from './types.js';

const NAME = String.raw`[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?`;
const EXTRAS = String.raw`(?:\s*\[\s*(?:${NAME}(?:\s*,\s*${NAME})*)?\s*\])?`;
const VERSION = String.raw`(?:~=|===|==|!=|<=|>=|<|>)\s*[A-Za-z0-9.*+!_-]+`;
const VERSIONS = String.raw`(?:\s*\(?\s*${VERSION}(?:\s*,\s*${VERSION})*\s*\)?)?`;
/** A PEP 508 requirement by name: extras, versions and markers; or by name with a URL (`name @ url`). */
const BY_NAME = new RegExp(String.raw`^${NAME}${EXTRAS}${VERSIONS}\s*(?:;.*)?$`);
const BY_URL = new RegExp(String.raw`^${NAME}${EXTRAS}\s*@\s*(\S+)\s*(?:;.*)?$`);

/** Options a requirement file may hold that read no local file. */
const HARMLESS_LINE_OPTIONS = new Set([
  '--no-index',
  '--pre',
  '--prefer-binary',
  '--only-binary',
  '--no-binary',
  '--require-hashes',
  '--trusted-host',
  '--use-feature',
  '-Z',
  '--always-unzip',
  '--config-settings',
  '--global-option',
  '--hash',
]);
/** The `PIP_*` variables that name files or folders pip reads or writes. */
export const PIP_PATH_VARIABLES = [
  // An index in a local folder (`file:///app/pypi/simple`) is read like any path (red team 20).
  'PIP_INDEX_URL',
  'PIP_EXTRA_INDEX_URL',
  'PIP_CONSTRAINT',
  'PIP_REQUIREMENT',
  'PIP_FIND_LINKS',
  'PIP_CONFIG_FILE',
  'PIP_EDITABLE',
  'PIP_SRC',
  'PIP_CERT',
  'PIP_CLIENT_CERT',
  'PIP_TARGET',
  'PIP_PREFIX',
  'PIP_ROOT',
  'PIP_CACHE_DIR',
  'PIP_LOG',
  'PIP_REPORT',
];
/** The `UV_*` variables that name files or folders uv reads or writes. */
export const UV_PATH_VARIABLES = [
  'UV_INDEX_URL',
  'UV_EXTRA_INDEX_URL',
  'UV_DEFAULT_INDEX',
  'UV_CONSTRAINT',
  'UV_BUILD_CONSTRAINT',
  'UV_OVERRIDE',
  'UV_FIND_LINKS',
  'UV_CONFIG_FILE',
  'UV_PROJECT_ENVIRONMENT',
  'UV_CACHE_DIR',
  'UV_TARGET',
  'UV_PREFIX',
  'UV_PYTHON_INSTALL_DIR',
  'UV_TOOL_DIR',
  'SSL_CERT_FILE',
];

/**
 * Why a requirement is not a package pip fetches by name or from a remote URL, if it is not: the local path or file
 * it names. `spec` is one requirement as written (a command-line argument, or a requirement file line).
 */
export function localRequirement(spec: string): string | undefined {
  const text = spec.trim();
  const url = BY_URL.exec(text);
  if (url) return isRemote(url[1]) ? undefined : text;
  if (BY_NAME.test(text) && !/\.(whl|zip|tar|tgz|tbz|txz|tlz|tar\.(gz|bz2|xz|lz|lzma))$/i.test(text)) return undefined;
  if (isRemote(text)) return undefined;
  return text;
}

/**
 * What installing a local requirement means, for messages: the project itself (`.`, `.[server]`) or another path;
 * `by` follows the object (` with pip`), and `named` says the requirement again when the message has not.
 */
export function installsLocal(spec: string, by = '', named = true): string {
  const own = /^\.\/?(\[.*\])?$/.test(spec);
  const what = own
    ? `the project itself${named && spec !== '.' ? ` (\`${spec}\`)` : ''}`
    : named
      ? `the local path \`${spec}\``
      : 'a local path';
  return `installs ${what}${by}, which needs its sources`;
}

/**
 * The paths the environment and the command line give pip besides its requirement files (`PIP_CONSTRAINT`,
 * `--find-links ./wheels`, `--target`): the split declines when the COPY brings one.
 */
export function pipReads(
  env: ReadonlyMap<string, string | undefined>,
  options: ReadonlyArray<[string, string | null]>,
  variables: readonly string[],
  tool: string,
): ExtraRead[] {
  const reads = environmentReads(env, variables, tool);
  for (const [option, value] of options) {
    if (value === null) reads.push({ path: null, why: `${option} makes ${tool} use` });
    else if (!isRemote(value))
      reads.push({ path: value.replace(/^file:(\/\/)?/, ''), why: `${option} makes ${tool} use` });
  }
  return reads;
}

/**
 * The logical lines of a requirement file with the number of the line each starts on: continuations joined (as pip's
 * join_lines joins them: a comment line is never continued), comments removed.
 */
function logicalLines(text: string): Array<{ line: string; number: number }> {
  const out: Array<{ line: string; number: number }> = [];
  let pending = '';
  let first = 0;
  for (const [index, raw] of text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .entries()) {
    if (!pending) first = index + 1;
    // pip never continues a comment line (`join_lines`): `# see C:\build\` ends there.
    if (raw.endsWith('\\') && !/^\s*#/.test(raw)) {
      pending += raw.slice(0, -1);
      continue;
    }
    const line = `${pending}${raw}`.replace(/(^|\s)#.*$/, '').trim();
    pending = '';
    if (line) out.push({ line, number: first });
  }
  if (pending.trim()) out.push({ line: pending.trim(), number: first });
  return out;
}

/**
 * Requirement files named by a command (context paths found through `project`), followed through their own `-r`/`-c`
 * lines: the files to copy, or why pip would read more than them.
 */
export function requirementManifests(project: ProjectFolder, named: string[]): Manifests {
  const files: string[] = [];
  const queue = named.map((name) => ({ path: project.locate(name), name }));
  while (queue.length) {
    const { path, name } = queue.shift()!;
    if (path === undefined) return { decline: `the requirements file \`${name}\` is not in what the COPY brings` };
    if (files.includes(path)) continue;
    const text = project.context.read(path);
    if (text === undefined) return { decline: `the build context has no ${path} (or .dockerignore leaves it out)` };
    files.push(path);
    for (const { line, number } of logicalLines(text)) {
      const problem = lineProblem(project, path, line, (nested) => queue.push(nested));
      if (problem) return { decline: `${path} line ${number}: ${problem}` };
    }
  }
  return { files };
}

/** Why one requirement file line needs more than the manifests, if it does; `follow` takes the files it includes. */
function lineProblem(
  project: ProjectFolder,
  file: string,
  line: string,
  follow: (nested: { path: string | undefined; name: string }) => void,
): string | undefined {
  if (/\$\{[A-Za-z_][A-Za-z0-9_]*\}/.test(line))
    return `\`${line}\` uses an environment variable, which pip expands at build time`;
  const option = /^(--?[A-Za-z-]+)(?:[\s=]+(\S+))?/.exec(line);
  if (!option) {
    const spec = line.replace(/\s+--?[A-Za-z-]+(?:[\s=]+\S+)?/g, '');
    const local = localRequirement(spec);
    return local === undefined ? undefined : `\`${line}\` ${installsLocal(local, '', local !== line)}`;
  }
  const [, name, value] = option;
  if (name === '-r' || name === '--requirement' || name === '-c' || name === '--constraint') {
    if (value === undefined) return `\`${line}\` names no file`;
    const nested = posix.join(posix.dirname(file), value);
    follow({
      path:
        nested.startsWith('..') || value.startsWith('/')
          ? value.startsWith('/')
            ? project.locate(value)
            : undefined
          : nested,
      name: value,
    });
    return undefined;
  }
  if (name === '-e' || name === '--editable') {
    return value !== undefined && isRemote(value)
      ? undefined
      : `\`${line}\` installs an editable project, whose sources are not in the manifests`;
  }
  // An index on the network reads nothing here; one in a folder (`--index-url file:///app/pypi/simple`) may be copied.
  if (name === '-i' || name === '--index-url' || name === '--extra-index-url') {
    return value !== undefined && isRemote(value)
      ? undefined
      : `\`${line}\` uses a package index in a local folder, which layerfix does not follow`;
  }
  if (name === '-f' || name === '--find-links') {
    if (value === undefined || isRemote(value)) return undefined;
    const local = value.replace(/^file:(\/\/)?/, '');
    const brought = [posix.join(posix.dirname(file), local), project.locate(local)].find(
      (path) => path !== undefined && !path.startsWith('..') && project.context.has(path),
    );
    return brought === undefined && !value.includes('$')
      ? undefined
      : `\`${line}\` finds packages in the local folder \`${value}\`, which the COPY brings and which is not among the manifests`;
  }
  return HARMLESS_LINE_OPTIONS.has(name)
    ? undefined
    : `\`${line}\` uses the option ${name}, which layerfix does not know`;
}
