/**
 * Python: pip with requirement files (`-r`, `-c`, followed into nested files), Poetry, uv and Pipenv. They decline
 * when the install builds the project itself (`pip install .`, `-e .`, `poetry install` without `--no-root`, `uv sync`
 * of a packaged project) or reads local paths named in the manifests.
 */
import { posix } from 'node:path';
import { isTable, stringsOf, valueAt, type DataTable, type DataValue } from '../data-files.js';
import {
  configures,
  decline,
  enclosingRoot,
  readTomlFile,
  environmentReads,
  envFlag,
  firstIn,
  hasOption,
  install,
  isRemote,
  missing,
  needsSources,
  writesManifests,
  optionValue,
  optionValues,
  outputsInContext,
  parseArgs,
  present,
  where,
  type ParsedArgs,
} from './common.js';
import {
  PIP_PATH_VARIABLES,
  UV_PATH_VARIABLES,
  installsLocal,
  localRequirement,
  pipReads,
  requirementManifests,
} from './pip-requirements.js';
import type { Ecosystem, InstallUse, Invocation, Manifests, ProjectFolder, Verdict } from './types.js';
import { PIP_VALUE_OPTIONS } from '../pip-options.js';

const POETRY_VALUES = ['--without', '--with', '--only', '-E', '--extras', '-C', '--directory', '-P', '--project'];
const UV_VALUES = [
  '--config-file',
  '--project',
  '--directory',
  '--package',
  '--extra',
  '--group',
  '--no-group',
  '--only-group',
  '--python',
  '-p',
  '--index-url',
  '--extra-index-url',
  '--index',
  '--default-index',
  '-i',
  '--find-links',
  '-f',
  '--cache-dir',
  '--link-mode',
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '--override',
  '--target',
  '--prefix',
  '--python-platform',
  '--python-version',
  '--no-install-package',
  '--compile-bytecode',
];
const PIPENV_VALUES = [
  '--python',
  '--categories',
  '--pypi-mirror',
  '-e',
  '--editable',
  '-r',
  '--requirements',
  '--extra-pip-args',
];
const PYTHON = /^python(\d+(\.\d+)?)?$/;
/** The variables that name files or folders Poetry reads or writes (its configuration, caches and environments). */
const POETRY_PATH_VARIABLES = [
  'POETRY_CONFIG_DIR',
  'POETRY_CACHE_DIR',
  'POETRY_DATA_DIR',
  'POETRY_VIRTUALENVS_PATH',
  'POETRY_REPOSITORIES_LOCAL_URL',
];
/** The variables that name files or folders pipenv reads or writes (and pip's, which it passes on). */
const PIPENV_PATH_VARIABLES = [
  'PIPENV_DOTENV_LOCATION',
  'PIPENV_PIPFILE',
  'WORKON_HOME',
  'PIPENV_CACHE_DIR',
  'PIPENV_CUSTOM_VENV_NAME',
  ...PIP_PATH_VARIABLES,
];

/** Files named by pip's requirement options. */
function requirementFiles(parsed: ParsedArgs): Array<string | null> {
  return optionValues(parsed, '-r', '--requirement', '-c', '--constraint');
}

/** Options whose values are paths pip reads or writes besides the requirement files. */
const PIP_PATH_OPTIONS = [
  '-f',
  '--find-links',
  '-t',
  '--target',
  '--prefix',
  '--root',
  '--src',
  '--cert',
  '--client-cert',
  '--cache-dir',
  '--log',
  '--report',
];

/** A verdict on pip's `install`, `uv pip install` and `pipenv install` arguments, with the variables it reads. */
function pipInstall(
  tool: string,
  invocation: Invocation,
  parsed: ParsedArgs,
  packages: Array<string | null>,
  files: Array<string | null>,
  variables: readonly string[],
): Verdict {
  for (const editable of optionValues(parsed, '-e', '--editable')) {
    if (editable === null || !isRemote(editable))
      return decline(
        `installs \`-e ${editable ?? '…'}\` with ${tool}, an editable project whose sources are not in the manifests`,
        true,
      );
  }
  if (packages.includes(null) || files.includes(null))
    return decline(`runs ${tool} with an argument only known at build time`, true);
  const local = (packages as string[]).map(localRequirement).find((spec) => spec !== undefined);
  if (local) return decline(installsLocal(local, ` with ${tool}`), true);
  const index = optionValues(parsed, '-i', '--index-url', '--extra-index-url').find(
    (value) => value === null || !isRemote(value),
  );
  if (index !== undefined)
    return decline(
      `runs ${tool} with the package index \`${index ?? '…'}\`, a local folder layerfix does not follow`,
      true,
    );
  const pathOptions = PIP_PATH_OPTIONS.flatMap((name) =>
    optionValues(parsed, name).map((value): [string, string | null] => [name, value]),
  );
  const reads = pipReads(invocation.env, pathOptions, variables, tool);
  // uv's pip interface reads uv's settings, not pip's.
  const ecosystem = tool === 'uv pip' ? 'uv' : 'pip';
  // Without requirement files it installs named packages only: no reason to split, but what it reads still counts.
  if (!files.length)
    return reads.length ? install(ecosystem, '.', ['named-only', 'auxiliary'], [], reads) : { kind: 'harmless' };
  return install(ecosystem, '.', ['named-only'], files as string[], reads);
}

/** pip settings (`pip config set <section>.<name>`) that name a path or an index, which an install then reads. */
const PIP_PATH_SETTINGS =
  /^(index-url|extra-index-url|find-links|constraint|requirement|config-file|src|cert|client-cert|target|prefix|root|cache-dir|no-index)$/;

function readPip(invocation: Invocation, args: Array<string | null>): Verdict {
  const parsed = parseArgs(args, PIP_VALUE_OPTIONS);
  const [sub, ...packages] = parsed.positionals;
  if (sub === 'install' || sub === 'download' || sub === 'wheel')
    return pipInstall('pip', invocation, parsed, packages, requirementFiles(parsed), PIP_PATH_VARIABLES);
  if (
    sub === undefined ||
    sub === 'cache' ||
    sub === 'config' ||
    sub === 'list' ||
    sub === 'freeze' ||
    sub === 'show' ||
    sub === 'check' ||
    sub === 'uninstall'
  ) {
    if (sub !== 'config') return { kind: 'harmless' };
    if (hasOption(parsed, '--site')) return decline('writes pip configuration with pip config --site');
    // `pip config set global.find-links /app/wheels`: a setting that makes a later install read a path.
    const [action, key] = packages;
    return (action === 'set' || action === 'unset') &&
      (key === null || key === undefined || PIP_PATH_SETTINGS.test(key.replace(/^[^.]*\./, '')))
      ? configures(invocation.text, "pip's configuration")
      : { kind: 'harmless' };
  }
  return needsSources(invocation.text);
}

function readPython(invocation: Invocation): Verdict | undefined {
  const [flag, module, ...rest] = invocation.args;
  if (flag !== '-m') return undefined;
  if (module === 'pip' || module === 'pip3') return readPip(invocation, rest);
  if (module === 'venv' || module === 'virtualenv') {
    const target = parseArgs(rest, ['--prompt']).positionals[0];
    return target && target.startsWith('/')
      ? { kind: 'harmless' }
      : decline(`creates a virtual environment in the working directory with \`${invocation.text}\``);
  }
  return undefined;
}

function readPoetry(invocation: Invocation): Verdict {
  const parsed = parseArgs(invocation.args, POETRY_VALUES);
  const [sub] = parsed.positionals;
  const project = optionValue(parsed, '-C', '--directory', '-P', '--project');
  if (sub === 'install' || sub === 'sync') {
    if (hasOption(parsed, '--only-root'))
      return decline('installs only the project itself (`--only-root`), which needs its sources', true);
    return install(
      'poetry',
      project,
      hasOption(parsed, '--no-root') ? ['no-root'] : [],
      [],
      environmentReads(invocation.env, POETRY_PATH_VARIABLES, 'poetry'),
    );
  }
  if (sub === 'add' || sub === 'remove' || sub === 'lock' || sub === 'update') return writesManifests(invocation.text);
  if (sub === 'config')
    return hasOption(parsed, '--local')
      ? decline("writes the project's poetry.toml with `poetry config --local`")
      : { kind: 'harmless' };
  if (sub === 'self' || sub === 'cache' || hasOption(parsed, '--version', '-V')) return { kind: 'harmless' };
  if (sub === 'check' || sub === 'show') return install('poetry', project, ['no-root', 'auxiliary']);
  return needsSources(invocation.text);
}

function readUv(invocation: Invocation): Verdict {
  const parsed = parseArgs(invocation.args, UV_VALUES);
  const verdict = readUvCommand(invocation, parsed);
  // `--config-file` (a global option) names the uv.toml every subcommand reads.
  const config = optionValues(parsed, '--config-file').map((path) => ({ path, why: '`--config-file` makes uv read' }));
  return verdict.kind === 'install' && config.length
    ? { ...verdict, use: { ...verdict.use, reads: [...verdict.use.reads, ...config] } }
    : verdict;
}

function readUvCommand(invocation: Invocation, parsed: ParsedArgs): Verdict {
  const [sub, second, ...rest] = parsed.positionals;
  const project = optionValue(parsed, '--project', '--directory');
  if (sub === 'sync') {
    const env = invocation.env;
    const options = [
      hasOption(parsed, '--no-install-project') && 'no-root',
      hasOption(parsed, '--no-install-workspace') && 'no-workspace',
      hasOption(parsed, '--no-install-local') && 'no-local',
      (hasOption(parsed, '--locked', '--frozen') || envFlag(env, 'UV_LOCKED') || envFlag(env, 'UV_FROZEN')) && 'locked',
    ].filter((o): o is string => !!o);
    return install('uv', project, options, [], environmentReads(env, UV_PATH_VARIABLES, 'uv'));
  }
  if (sub === 'add' || sub === 'remove' || sub === 'lock') return writesManifests(invocation.text);
  if (sub === 'pip' && second === 'install')
    return pipInstall('uv pip', invocation, parsed, rest, requirementFiles(parsed), UV_PATH_VARIABLES);
  if (sub === 'pip' && second === 'sync') return pipInstall('uv pip', invocation, parsed, [], rest, UV_PATH_VARIABLES);
  if (sub === 'venv') {
    const target = second;
    return target && target.startsWith('/')
      ? { kind: 'harmless' }
      : decline('creates a virtual environment in the working directory with uv venv');
  }
  if (
    (sub === 'tool' && second === 'install') ||
    sub === 'cache' ||
    sub === 'python' ||
    sub === 'self' ||
    hasOption(parsed, '--version', '-V')
  )
    return { kind: 'harmless' };
  return needsSources(invocation.text);
}

function readPipenv(invocation: Invocation): Verdict {
  const parsed = parseArgs(invocation.args, PIPENV_VALUES);
  const [sub, ...packages] = parsed.positionals;
  if (sub === 'install' || sub === 'sync') {
    const local =
      optionValues(parsed, '-e', '--editable')[0] ??
      packages.find((spec) => spec === null || localRequirement(spec) !== undefined);
    if (local !== undefined)
      return decline(`installs the local project \`${local ?? '…'}\` with pipenv, which needs its sources`, true);
    const requirements = optionValue(parsed, '-r', '--requirements');
    if (packages.length || requirements !== undefined) return writesManifests(invocation.text);
    const env = invocation.env;
    const options = [
      (sub === 'sync' ||
        hasOption(parsed, '--deploy', '--ignore-pipfile') ||
        envFlag(env, 'PIPENV_DEPLOY') ||
        envFlag(env, 'PIPENV_IGNORE_PIPFILE')) &&
        'locked',
      envFlag(env, 'PIPENV_DONT_LOAD_ENV') && 'no-dotenv',
    ].filter((o): o is string => !!o);
    return install('pipenv', '.', options, [], environmentReads(env, PIPENV_PATH_VARIABLES, 'pipenv'));
  }
  if (sub === '--version' || hasOption(parsed, '--version')) return { kind: 'harmless' };
  return needsSources(invocation.text);
}

const READERS: Record<string, (invocation: Invocation) => Verdict | undefined> = {
  pip: (invocation) => readPip(invocation, invocation.args),
  poetry: readPoetry,
  uv: readUv,
  pipenv: readPipenv,
};

/** Readme files a pyproject names (Poetry checks that they exist even with `--no-root`). */
function readmes(pyproject: DataTable): string[] {
  const out: string[] = [];
  for (const value of [valueAt(pyproject, 'tool', 'poetry', 'readme'), valueAt(pyproject, 'project', 'readme')]) {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) out.push(...stringsOf(value));
    else if (isTable(value) && typeof value.file === 'string') out.push(value.file);
  }
  return out;
}

/** The local path of a dependency table (`{ path = "..." }`, or a `file` that is not a remote URL). */
function localSpec(spec: DataValue): string | undefined {
  if (!isTable(spec)) return undefined;
  if (typeof spec.path === 'string') return spec.path;
  const location = typeof spec.file === 'string' ? spec.file : typeof spec.url === 'string' ? spec.url : undefined;
  return location !== undefined && !isRemote(location) ? location : undefined;
}

/** The first dependency declared with a local `path` (or `file`) in the given tables. */
function pathDependency(tables: Array<DataValue | undefined>): [string, string] | undefined {
  for (const table of tables) {
    if (!isTable(table)) continue;
    for (const [name, spec] of Object.entries(table)) {
      const local =
        localSpec(spec) ?? (Array.isArray(spec) ? spec.map(localSpec).find((path) => path !== undefined) : undefined);
      if (local !== undefined) return [name, local];
    }
  }
  return undefined;
}

/** The first PEP 621, PEP 735 or `[tool.uv]` requirement of a pyproject that names a local path (`name @ file:///...`). */
function localProjectRequirement(pyproject: DataTable): string | undefined {
  const optional = valueAt(pyproject, 'project', 'optional-dependencies');
  const groups = valueAt(pyproject, 'dependency-groups');
  const uv = ['dev-dependencies', 'constraint-dependencies', 'override-dependencies'].map((key) =>
    valueAt(pyproject, 'tool', 'uv', key),
  );
  const lists = [
    valueAt(pyproject, 'project', 'dependencies'),
    ...(isTable(optional) ? Object.values(optional) : []),
    ...(isTable(groups) ? Object.values(groups) : []),
    ...uv,
  ];
  return lists.flatMap((list) => stringsOf(list)).find((spec) => localRequirement(spec) !== undefined);
}

function poetryManifests(project: ProjectFolder, use: InstallUse): Manifests {
  const read = readTomlFile(project, 'pyproject.toml');
  if ('decline' in read) return read;
  if (!read.value) return missing(project, ['pyproject.toml']);
  const pyproject = read.value;
  const packageMode = valueAt(pyproject, 'tool', 'poetry', 'package-mode') !== false;
  if (packageMode && !use.options.has('no-root')) {
    return {
      decline:
        'poetry install also installs the project itself, which needs its sources (add --no-root, or set package-mode = false)',
    };
  }
  const groups = valueAt(pyproject, 'tool', 'poetry', 'group');
  const groupTables = isTable(groups)
    ? Object.values(groups).map((group) => (isTable(group) ? group.dependencies : undefined))
    : [];
  const local = pathDependency([
    valueAt(pyproject, 'tool', 'poetry', 'dependencies'),
    valueAt(pyproject, 'tool', 'poetry', 'dev-dependencies'),
    ...groupTables,
  ]);
  if (local)
    return {
      decline: `pyproject.toml installs ${local[0]} from the local path \`${local[1]}\`, which needs more than the manifests`,
    };
  const requirement = localProjectRequirement(pyproject);
  if (requirement)
    return { decline: `pyproject.toml requires \`${requirement}\`, a local path, which needs more than the manifests` };
  const output = outputsInContext(project, [], ['.venv']);
  return output
    ? { decline: output }
    : { files: present(project, ['pyproject.toml', 'poetry.lock', 'poetry.toml', ...readmes(pyproject)]) };
}

/** Whether uv installs a project as a package (it has a build system, or asks to be packaged). */
function packaged(pyproject: DataTable): boolean {
  const flag = valueAt(pyproject, 'tool', 'uv', 'package');
  return typeof flag === 'boolean' ? flag : valueAt(pyproject, 'build-system') !== undefined;
}

function uvManifests(project: ProjectFolder, use: InstallUse): Manifests {
  const read = readTomlFile(project, 'pyproject.toml');
  if ('decline' in read) return read;
  if (!read.value) return missing(project, ['pyproject.toml']);
  const pyproject = read.value;
  const enclosing = enclosingRoot(project, 'uv', (up) =>
    firstIn(project, up, ['pyproject.toml'], (text) => /^\s*\[tool\.uv\.workspace\]/m.test(text)),
  );
  if (enclosing) return { decline: enclosing };
  const skipsAll = use.options.has('no-workspace');
  if (packaged(pyproject) && !skipsAll && !use.options.has('no-root')) {
    return { decline: 'uv sync also installs the project itself, which needs its sources (add --no-install-project)' };
  }
  const files = present(project, ['pyproject.toml', 'uv.lock', 'uv.toml', '.python-version']);
  const members = stringsOf(valueAt(pyproject, 'tool', 'uv', 'workspace', 'members'));
  const exclude = stringsOf(valueAt(pyproject, 'tool', 'uv', 'workspace', 'exclude'));
  const folders = members.length
    ? project.context.folders(project.dir, [...members, ...exclude.map((p) => `!${p}`)])
    : [];
  for (const folder of folders.filter((f) => f !== project.dir && project.context.isFile(`${f}/pyproject.toml`))) {
    const member = readTomlFile(project, posix.relative(project.dir, `${folder}/pyproject.toml`));
    if ('decline' in member) return member;
    if (packaged(member.value ?? {}) && !skipsAll)
      return {
        decline: `uv sync also installs the workspace member ${folder}, which needs its sources (add --no-install-workspace)`,
      };
    files.push(`${folder}/pyproject.toml`);
  }
  const sources = valueAt(pyproject, 'tool', 'uv', 'sources');
  const local = pathDependency([sources]);
  if (local && !use.options.has('no-local'))
    return {
      decline: `pyproject.toml installs ${local[0]} from the local path \`${local[1]}\`, which needs its sources (uv installs path sources even with --no-install-workspace)`,
    };
  const requirement = use.options.has('no-local') ? undefined : localProjectRequirement(pyproject);
  if (requirement)
    return { decline: `pyproject.toml requires \`${requirement}\`, a local path, which needs its sources` };
  const settings = uvSettingsProblem(project, pyproject);
  if (settings) return settings;
  if (!use.options.has('locked') && files.some((file) => file.endsWith('uv.lock'))) {
    return {
      decline:
        'uv sync without --locked or --frozen rewrites uv.lock when it is out of date, and the COPY would then put the old uv.lock back (add --locked)',
    };
  }
  const output = outputsInContext(project, [], ['.venv']);
  return output ? { decline: output } : { files };
}

/**
 * `uv pip install -r` and `uv pip sync`: the requirement files, and the settings uv reads from the nearest uv.toml or
 * pyproject.toml (`[tool.uv]`, `[tool.uv.pip]`: an index, find-links) in the folder it runs in, or a folder above it
 * (red team 29).
 */
function uvPipManifests(project: ProjectFolder, use: InstallUse): Manifests {
  const requirements = requirementManifests(project, use.named);
  if ('decline' in requirements) return requirements;
  const own = present(project, ['uv.toml', 'pyproject.toml']);
  if (!own.length) {
    const enclosing = enclosingRoot(project, 'uv', (up) => firstIn(project, up, ['uv.toml', 'pyproject.toml']));
    if (enclosing) return { decline: enclosing };
    return requirements;
  }
  const read = readTomlFile(project, 'pyproject.toml');
  if ('decline' in read) return read;
  return uvSettingsProblem(project, read.value ?? {}) ?? { files: [...requirements.files, ...own] };
}

/** A decline when uv's settings find packages in a local folder the COPY brings. */
function uvSettingsProblem(project: ProjectFolder, pyproject: DataTable): { decline: string } | undefined {
  const settings = uvSettings(project, pyproject);
  if ('decline' in settings) return settings;
  const found = settings.local.find((path) => {
    const at = path.startsWith('/') ? project.locate(path) : project.path(path);
    return at !== undefined && project.context.has(at);
  });
  return found === undefined
    ? undefined
    : {
        decline: `uv's settings find packages in the local folder \`${found}\`, which the COPY brings and which is not among the manifests`,
      };
}

/** The local folders uv's settings (`[tool.uv]` of pyproject.toml, and uv.toml) find packages in: find-links and indexes. */
function uvSettings(project: ProjectFolder, pyproject: DataTable): { local: string[] } | { decline: string } {
  const own = readTomlFile(project, 'uv.toml');
  if ('decline' in own) return own;
  const local: string[] = [];
  // The pip interface's own settings (`[pip]` of uv.toml, `[tool.uv.pip]`) apply to `uv pip` (red team 29).
  const tables = [valueAt(pyproject, 'tool', 'uv'), own.value];
  for (const table of [...tables, ...tables.map((table) => valueAt(table, 'pip'))]) {
    const indexes = valueAt(table, 'index');
    const urls = [
      ...stringsOf(valueAt(table, 'find-links')),
      ...stringsOf([
        valueAt(table, 'index-url') ?? null,
        ...(Array.isArray(valueAt(table, 'extra-index-url')) ? (valueAt(table, 'extra-index-url') as DataValue[]) : []),
      ]),
    ];
    if (Array.isArray(indexes))
      for (const index of indexes) if (isTable(index) && typeof index.url === 'string') urls.push(index.url);
    local.push(...urls.filter((url) => !isRemote(url)).map((url) => url.replace(/^file:(\/\/)?/, '')));
  }
  return { local };
}

function pipenvManifests(project: ProjectFolder, use: InstallUse): Manifests {
  const read = readTomlFile(project, 'Pipfile');
  if ('decline' in read) return read;
  if (!read.value) return missing(project, ['Pipfile']);
  if (!use.options.has('no-dotenv') && present(project, ['.env']).length) {
    return {
      decline: `pipenv loads ${where(project, '.env')} into its environment (it may set the index, PIPENV_VENV_IN_PROJECT, ...), and it is not among the manifests (set PIPENV_DONT_LOAD_ENV=1 if it is not meant for the install)`,
    };
  }
  if (!use.options.has('locked') && present(project, ['Pipfile.lock']).length) {
    return {
      decline:
        'pipenv install without --deploy rewrites Pipfile.lock when it is out of date, and the COPY would then put the old one back (add --deploy, or use pipenv sync)',
    };
  }
  const local = pathDependency([read.value.packages, read.value['dev-packages']]);
  if (local)
    return {
      decline: `Pipfile installs ${local[0]} from the local path \`${local[1]}\`, which needs more than the manifests`,
    };
  // An index in a local folder (`file:///app/wheelhouse`) is read from what the COPY brings.
  const urls = (Array.isArray(read.value.source) ? read.value.source : []).map((source) =>
    isTable(source) ? source.url : undefined,
  );
  const index = urls.findIndex((url) => typeof url !== 'string' || !isRemote(url));
  if (index >= 0)
    return {
      decline: `Pipfile's [[source]] \`${String(urls[index] ?? '…')}\` is not an index on the network, and what it names needs more than the manifests`,
    };
  const output = outputsInContext(project, [], ['.venv']);
  return output ? { decline: output } : { files: present(project, ['Pipfile', 'Pipfile.lock']) };
}

/** pip, Poetry, uv and Pipenv. */
export const python: Ecosystem = {
  name: 'python',
  read(invocation) {
    if (PYTHON.test(invocation.name)) return readPython(invocation);
    const name = /^pip[\d.]*$/.test(invocation.name) ? 'pip' : invocation.name;
    return READERS[name]?.(invocation);
  },
  manifests(project, use) {
    if (use.ecosystem === 'pip') return requirementManifests(project, use.named);
    if (use.ecosystem === 'poetry') return poetryManifests(project, use);
    if (use.ecosystem === 'uv') return use.named.length ? uvPipManifests(project, use) : uvManifests(project, use);
    return pipenvManifests(project, use);
  },
};
