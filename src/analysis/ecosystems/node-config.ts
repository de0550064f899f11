/**
 * The JavaScript package managers' configuration, read with real parsers (`.npmrc` with ini, `.yarnrc.yml` with
 * js-yaml, `bunfig.toml` with smol-toml; Yarn 1's `.yarnrc` line by line, declining on lines it cannot read): the
 * files and folders it names (`yarnPath`, `yarn-path`, `cafile`, ...), the environment files Yarn loads, and the
 * variables that name such paths.
 */
import { posix } from 'node:path';
import { isTable, readIni, readToml, readYaml, stringsOf, valueAt, type DataValue } from '../data-files.js';
import { readProject, where } from './common.js';
import type { ProjectFolder } from './types.js';

/** A path a configuration file names: the file, the key, and the path relative to the project. */
export interface ConfigPath {
  file: string;
  key: string;
  path: string;
}

/** `.npmrc` keys (npm's and pnpm's) whose values are paths. */
const NPMRC_PATHS = [
  'cafile',
  'certfile',
  'keyfile',
  'userconfig',
  'globalconfig',
  'cache',
  'prefix',
  'script-shell',
  'node-gyp',
  'init-module',
  'store-dir',
  'virtual-store-dir',
  'modules-dir',
  'global-dir',
  'pnpmfile',
  'global-pnpmfile',
  'lockfile-dir',
  'patches-dir',
  'cache-dir',
  'state-dir',
  'only-built-dependencies-file',
];
/** `.yarnrc` (Yarn 1) keys whose values are paths. */
const YARNRC_PATHS = [
  'yarn-path',
  'cafile',
  'cache-folder',
  'global-folder',
  'modules-folder',
  'yarn-offline-mirror',
  'link-folder',
  'prefix',
  '--install.modules-folder',
  '--modules-folder',
  '--cache-folder',
];
/** `.yarnrc.yml` (Yarn 2+) keys whose values are paths, at any depth (`npmScopes.x.httpsCaFilePath`). */
const YARNRC_YML_PATHS = new Set([
  'yarnPath',
  'cacheFolder',
  'globalFolder',
  'installStatePath',
  'pnpUnpluggedFolder',
  'pnpDataPath',
  'virtualFolder',
  'patchFolder',
  'deferredVersionFolder',
  'httpsCaFilePath',
  'httpsCertFilePath',
  'httpsKeyFilePath',
  'injectEnvironmentFiles',
  'plugins',
  'path',
]);
/** `bunfig.toml` keys whose values are paths. */
const BUNFIG_PATHS = [
  ['install', 'cafile'],
  ['install', 'cache', 'dir'],
  ['install', 'globalDir'],
  ['install', 'globalBinDir'],
];
/** The package-manager variables (as npm, pnpm and Yarn read them from the environment) that name paths. */
export const NODE_PATH_VARIABLES = [
  ...[
    'userconfig',
    'globalconfig',
    'cafile',
    'certfile',
    'keyfile',
    'cache',
    'prefix',
    'store_dir',
    'pnpmfile',
    'script_shell',
  ].flatMap((key) => [`npm_config_${key}`, `NPM_CONFIG_${key.toUpperCase()}`]),
  'YARN_YARN_PATH',
  'YARN_RC_FILENAME',
  'YARN_CACHE_FOLDER',
  'YARN_GLOBAL_FOLDER',
  'YARN_HTTPS_CA_FILE_PATH',
  'YARN_INSTALL_STATE_PATH',
  'YARN_PNP_UNPLUGGED_FOLDER',
  'YARN_INJECT_ENVIRONMENT_FILES',
  'yarn_cafile',
  'yarn_yarn_path',
  'BUN_INSTALL_CACHE_DIR',
];

/** The paths the named configuration files of a project name, or why one cannot be read. */
export function configPaths(
  project: ProjectFolder,
  files: readonly string[],
): { paths: ConfigPath[] } | { decline: string } {
  const paths: ConfigPath[] = [];
  for (const file of files) {
    const text = readProject(project, file);
    if (text === undefined) continue;
    const add = (key: string, value: DataValue | undefined) => {
      for (const path of typeof value === 'string' ? [value] : stringsOf(value))
        paths.push({ file, key, path: posix.join(posix.dirname(file), path.replace(/\?$/, '')) });
    };
    try {
      if (file.endsWith('.npmrc')) {
        const config = readIni(text);
        for (const key of NPMRC_PATHS) add(key, config[key]);
      } else if (file.endsWith('.yarnrc')) {
        const config = readYarnrc(text);
        if (typeof config === 'string') return { decline: `${where(project, file)} ${config}` };
        for (const key of YARNRC_PATHS) add(key, config.get(key));
      } else if (file.endsWith('.yarnrc.yml')) {
        collectYaml(readYaml(text), '', add);
        // Yarn 4 loads `.env.yarn` when it exists, unless injectEnvironmentFiles says otherwise.
        if (valueAt(readYaml(text), 'injectEnvironmentFiles') === undefined)
          add('injectEnvironmentFiles (default)', '.env.yarn');
      } else if (file.endsWith('pnpm-workspace.yaml')) {
        // pnpm 10 reads its settings from pnpm-workspace.yaml too, in camel case (`pnpmfile`, `storeDir`).
        const config = readYaml(text);
        for (const key of NPMRC_PATHS) {
          const camel = key.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
          add(camel, valueAt(config, camel));
        }
      } else if (file.endsWith('bunfig.toml')) {
        const config = readToml(text);
        for (const key of BUNFIG_PATHS) add(key.join('.'), valueAt(config, ...key));
      }
    } catch (error) {
      return { decline: `layerfix cannot read ${where(project, file)} (${(error as Error).message.split('\n')[0]})` };
    }
  }
  return { paths };
}

/** The path-valued keys of a `.yarnrc.yml` value, at any depth. */
function collectYaml(
  value: DataValue | undefined,
  key: string,
  add: (key: string, value: DataValue | undefined) => void,
): void {
  if (YARNRC_YML_PATHS.has(key) && (typeof value === 'string' || Array.isArray(value))) add(key, value);
  if (Array.isArray(value)) for (const item of value) collectYaml(item, key, add);
  else if (isTable(value)) for (const [name, item] of Object.entries(value)) collectYaml(item, name, add);
}

/**
 * The settings of a Yarn 1 `.yarnrc`: one `key value` per line (either may be quoted), `#` comments. A line of any
 * other shape (a nested block) is a reason, since layerfix would not know what it sets.
 */
function readYarnrc(text: string): Map<string, string> | string {
  const out = new Map<string, string>();
  for (const [index, raw] of text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^("(?:[^"\\]|\\.)*"|[^\s"]+)\s+("(?:[^"\\]|\\.)*"|[^\s"]+)$/.exec(line);
    if (!match) return `line ${index + 1} (\`${line}\`) is not a \`key value\` line layerfix can read`;
    const unquote = (word: string) => (word.startsWith('"') ? (JSON.parse(word) as string) : word);
    out.set(unquote(match[1]), unquote(match[2]));
  }
  return out;
}
