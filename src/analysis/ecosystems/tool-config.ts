/**
 * Where each install tool reads its configuration outside the project: the home folder, the system's files, folders
 * the environment names, and the folders above the one it runs in. A file an earlier instruction writes there may
 * point the install at the sources, so the split declines on it.
 */
import { posix } from 'node:path';

/** The user configuration each install tool reads from the home folder, relative to it. */
const HOME_CONFIG: Readonly<Record<string, readonly string[]>> = {
  pip: ['.config/pip/pip.conf', '.pip/pip.conf', '.netrc'],
  pipenv: ['.config/pip/pip.conf', '.pip/pip.conf', '.netrc'],
  poetry: ['.config/pypoetry/config.toml', '.config/pypoetry/auth.toml', '.netrc'],
  uv: ['.config/uv/uv.toml', '.netrc'],
  npm: ['.npmrc'],
  yarn: ['.yarnrc', '.yarnrc.yml', '.npmrc'],
  pnpm: ['.npmrc', '.config/pnpm/rc'],
  bun: ['.bunfig.toml', '.npmrc'],
  bundler: ['.bundle/config', '.gemrc'],
  composer: [
    '.composer/config.json',
    '.composer/auth.json',
    '.config/composer/config.json',
    '.config/composer/auth.json',
  ],
  cargo: ['.cargo/config.toml', '.cargo/config', '.cargo/credentials.toml'],
  go: ['.config/go/env', '.netrc'],
  maven: ['.m2/settings.xml', '.m2/settings-security.xml'],
  gradle: ['.gradle/gradle.properties', '.gradle/init.gradle', '.gradle/init.gradle.kts', '.gradle/init.d'],
  dotnet: ['.nuget/NuGet/NuGet.Config'],
};

/** The user configuration files (and folders) an ecosystem's install reads in the home folder, relative to it. */
export function homeConfig(ecosystem: string): readonly string[] {
  return HOME_CONFIG[ecosystem] ?? [];
}

/** npm's global and built-in configuration files, where Node.js images and Debian's packages put them. */
const NPMRC_FILES = [
  '/usr/local/etc/npmrc',
  '/usr/etc/npmrc',
  '/etc/npmrc',
  '/usr/local/lib/node_modules/npm/npmrc',
  '/usr/lib/node_modules/npm/npmrc',
  '/usr/share/nodejs/npm/npmrc',
];

/** The system-wide configuration each install tool reads (a `/` at the end: every file of the folder). */
const SYSTEM_CONFIG: Readonly<Record<string, readonly string[]>> = {
  pip: ['/etc/pip.conf', '/etc/xdg/pip/pip.conf', '/usr/pip.conf', '/usr/local/pip.conf'],
  pipenv: ['/etc/pip.conf', '/etc/xdg/pip/pip.conf', '/usr/pip.conf', '/usr/local/pip.conf'],
  uv: ['/etc/uv/uv.toml', '/etc/xdg/uv/uv.toml'],
  npm: NPMRC_FILES,
  yarn: NPMRC_FILES,
  pnpm: NPMRC_FILES,
  bun: NPMRC_FILES,
  bundler: ['/etc/gemrc', '/usr/local/etc/gemrc'],
  maven: ['/usr/share/maven/conf/settings.xml'],
  dotnet: ['/usr/local/share/NuGet/Config/'],
};

/** npm's variables that name its configuration files, or the prefix whose etc/npmrc it reads. */
const NPM_VARIABLES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['NPM_CONFIG_USERCONFIG', ['']],
  ['npm_config_userconfig', ['']],
  ['NPM_CONFIG_GLOBALCONFIG', ['']],
  ['npm_config_globalconfig', ['']],
  ['NPM_CONFIG_PREFIX', ['etc/npmrc']],
  ['npm_config_prefix', ['etc/npmrc']],
];

/**
 * Variables that name folders (a `:` list) whose files an install tool reads as configuration (`''`: the variable
 * names the file itself).
 */
const CONFIG_VARIABLES: Readonly<Record<string, ReadonlyArray<readonly [string, readonly string[]]>>> = {
  pip: [
    ['VIRTUAL_ENV', ['pip.conf']],
    ['PIP_CONFIG_FILE', ['']],
    ['XDG_CONFIG_DIRS', ['pip/pip.conf']],
  ],
  pipenv: [
    ['PIP_CONFIG_FILE', ['']],
    ['XDG_CONFIG_DIRS', ['pip/pip.conf']],
  ],
  uv: [
    ['UV_CONFIG_FILE', ['']],
    ['XDG_CONFIG_DIRS', ['uv/uv.toml']],
  ],
  npm: NPM_VARIABLES,
  yarn: NPM_VARIABLES,
  pnpm: NPM_VARIABLES,
  bun: NPM_VARIABLES,
  poetry: [['POETRY_CONFIG_DIR', ['config.toml', 'auth.toml']]],
  bundler: [
    ['BUNDLE_APP_CONFIG', ['config']],
    ['BUNDLE_USER_CONFIG', ['']],
    ['GEMRC', ['']],
  ],
  composer: [['COMPOSER_HOME', ['config.json', 'auth.json']]],
  cargo: [['CARGO_HOME', ['config.toml', 'config', 'credentials.toml']]],
  go: [['GOENV', ['']]],
  maven: [
    ['MAVEN_HOME', ['conf/settings.xml']],
    ['M2_HOME', ['conf/settings.xml']],
    ['MAVEN_CONFIG', ['settings.xml']],
  ],
  gradle: [
    ['GRADLE_USER_HOME', ['gradle.properties', 'init.gradle', 'init.gradle.kts', 'init.d/']],
    ['GRADLE_HOME', ['init.d/']],
  ],
};

/** Files of the project an install tool reads in the folder it runs in. */
const PROJECT_CONFIG: Readonly<Record<string, readonly string[]>> = {
  npm: ['.npmrc'],
  pnpm: ['.npmrc', 'pnpm-workspace.yaml', '.pnpmfile.mjs', '.pnpmfile.cjs'],
  yarn: ['.yarnrc.yml'],
  bun: ['bunfig.toml', '.npmrc'],
  poetry: ['poetry.toml'],
  pipenv: ['.env'],
  bundler: ['.bundle/config'],
  composer: ['auth.json'],
  maven: ['.mvn/maven.config', '.mvn/jvm.config', '.mvn/extensions.xml'],
  gradle: ['gradle.properties'],
};

/** Files an install tool reads in the folder it runs in and in every folder above it. */
const UPWARD_CONFIG: Readonly<Record<string, readonly string[]>> = {
  cargo: ['.cargo/config.toml', '.cargo/config'],
  // Yarn 1 reads .yarnrc and .npmrc upwards; Yarn 2+ merges every .yarnrc.yml from the root down.
  yarn: ['.yarnrc', '.npmrc', '.yarnrc.yml'],
  uv: ['uv.toml', 'pyproject.toml'],
  go: ['go.work'],
  dotnet: [
    'NuGet.Config',
    'nuget.config',
    'NuGet.config',
    'Directory.Build.props',
    'Directory.Build.targets',
    'Directory.Packages.props',
    'global.json',
  ],
};

/**
 * Every place an install tool may read configuration from outside its project, as absolute paths: a `/` at the end
 * for a folder; when layerfix cannot tell the home folder, a home file also as `** /.npmrc` (written without the
 * space): that file below any folder.
 */
export function configLocations(
  ecosystem: string,
  env: ReadonlyMap<string, string | undefined>,
  home: string | undefined,
  cwd: string,
): string[] {
  const out = [...(SYSTEM_CONFIG[ecosystem] ?? [])];
  for (const file of homeConfig(ecosystem)) {
    out.push(home === undefined ? `**/${file}` : posix.join(home, file));
    // XDG_CONFIG_HOME stands for ~/.config.
    const xdg = env.get('XDG_CONFIG_HOME');
    if (file.startsWith('.config/') && xdg?.startsWith('/')) out.push(posix.join(xdg, file.slice('.config/'.length)));
  }
  // pip reads the pip.conf of the environment it runs in: a virtual environment whose bin folder is on PATH.
  if (ecosystem === 'pip' || ecosystem === 'pipenv')
    for (const dir of env.get('PATH')?.split(':') ?? [])
      if (dir.startsWith('/') && dir.endsWith('/bin')) out.push(posix.join(posix.dirname(dir), 'pip.conf'));
  for (const [variable, files] of CONFIG_VARIABLES[ecosystem] ?? [])
    for (const folder of env.get(variable)?.split(':') ?? [])
      if (folder.startsWith('/')) out.push(...files.map((file) => (file ? posix.join(folder, file) : folder)));
  out.push(...(PROJECT_CONFIG[ecosystem] ?? []).map((file) => posix.join(cwd, file)));
  for (let dir = cwd; ; dir = posix.dirname(dir)) {
    out.push(...(UPWARD_CONFIG[ecosystem] ?? []).map((file) => posix.join(dir, file)));
    if (dir === '/') break;
  }
  return out;
}
