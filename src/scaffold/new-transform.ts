/**
 * `layerfix new-transform <name>`: a typed transform module, its first fixture, and the plugin registered in the
 * configuration (edited in place, or a new `layerfix.config.ts`). Everything is checked before anything is written.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { addPluginToJson } from './edit-json.js';
import { addPluginToModule } from './edit-module.js';
import { addPluginToYaml } from './edit-yaml.js';
import { pluginSpecifier, sameModule } from './entries.js';
import { ScaffoldError } from './errors.js';
import { findConfig } from './find-config.js';
import { checkTransformName } from './name.js';
import {
  configModule,
  FIRST_CASE,
  FIXTURE_INPUT,
  FIXTURE_MESSAGES,
  FIXTURE_OUTPUT,
  transformModule,
} from './templates.js';

/** Where `newTransform` works. */
export interface NewTransformOptions {
  /** The folder it runs in; the configuration is searched from here up to the repository root. */
  cwd: string;
  /** A configuration file to register the plugin in instead of searching (relative to `cwd`); created when missing. */
  config?: string;
}

/** How the configuration was changed. */
export interface ConfigChange {
  path: string;
  action: 'edited' | 'created';
  format: 'module' | 'json' | 'package.json' | 'yaml';
}

/** What `newTransform` did. */
export interface NewTransformResult {
  name: string;
  /** The transform module: `<dir>/layerfix/<name>.ts`. */
  transform: string;
  /** The first fixture case folder: `<dir>/layerfix/__fixtures__/<name>/<case>`. */
  fixture: string;
  /** Every file created, in the order written (absolute paths). */
  created: string[];
  /** The configuration that now lists the plugin. */
  config: ConfigChange;
  /** The entry added to the configuration's `plugins`, relative to it (`./layerfix/<name>.ts`). */
  plugin: string;
}

type Format = ConfigChange['format'];

function formatOf(path: string, text: string): Format {
  const name = basename(path);
  if (name === 'package.json') return 'package.json';
  if (name.endsWith('.json')) return 'json';
  if (/\.ya?ml$/.test(name)) return 'yaml';
  if (/\.[cm]?[jt]s$/.test(name)) return 'module';
  try {
    JSON.parse(text.replace(/^\ufeff/, ''));
    return 'json';
  } catch {
    return 'yaml';
  }
}

async function editConfig(
  path: string,
  text: string,
  specifier: string,
  exists: (entry: string) => boolean,
): Promise<string> {
  switch (formatOf(path, text)) {
    case 'package.json':
      return addPluginToJson(text, path, specifier, exists, 'layerfix');
    case 'json':
      return addPluginToJson(text, path, specifier, exists);
    case 'yaml':
      return addPluginToYaml(text, path, specifier, exists);
    case 'module':
      return addPluginToModule(text, path, specifier, exists);
  }
}

/**
 * Scaffold a plugin transform named `name` (kebab-case): `layerfix/<name>.ts`, a first fixture pair under
 * `layerfix/__fixtures__/<name>/`, and its entry in the configuration. Running it again for the same name is an
 * error. Throws ScaffoldError (nothing written) when the name, the files or the configuration do not allow it.
 */
export async function newTransform(name: string, options: NewTransformOptions): Promise<NewTransformResult> {
  checkTransformName(name);
  const cwd = resolve(options.cwd);
  const explicit = options.config === undefined ? undefined : resolve(cwd, options.config);
  const found = explicit
    ? existsSync(explicit)
      ? { path: explicit, dir: dirname(explicit) }
      : undefined
    : findConfig(cwd);
  const configPath = found?.path ?? explicit ?? join(cwd, 'layerfix.config.ts');
  // Plugins go beside the configured folder: for `.config/layerfixrc.*`, the folder that holds `.config`.
  const configDir = found?.dir ?? dirname(configPath);
  const base = basename(configDir) === '.config' ? dirname(configDir) : configDir;
  const transform = join(base, 'layerfix', `${name}.ts`);
  const fixture = join(base, 'layerfix', '__fixtures__', name, FIRST_CASE);
  for (const path of [transform, dirname(fixture)]) {
    if (existsSync(path))
      throw new ScaffoldError(
        `${path} already exists: transform "${name}" was scaffolded before; pick another name or delete it first`,
      );
  }
  const plugin = pluginSpecifier(configPath, transform);
  let configText: string;
  let config: ConfigChange;
  if (found) {
    const before = readFileSync(found.path, 'utf8');
    configText = await editConfig(found.path, before, plugin, sameModule(found.path, transform));
    config = { path: found.path, action: 'edited', format: formatOf(found.path, before) };
  } else {
    if (explicit && !/\.[cm]?ts$/.test(explicit))
      throw new ScaffoldError(
        `${explicit} does not exist; only a TypeScript configuration can be created (e.g. layerfix.config.ts)`,
      );
    configText = configModule(plugin);
    config = { path: configPath, action: 'created', format: 'module' };
  }
  const files: Array<[string, string]> = [
    [transform, transformModule(name)],
    [join(fixture, 'input.Dockerfile'), FIXTURE_INPUT],
    [join(fixture, 'output.Dockerfile'), FIXTURE_OUTPUT],
    [join(fixture, 'messages.txt'), FIXTURE_MESSAGES],
  ];
  if (config.action === 'created') files.push([configPath, configText]);
  for (const [path, text] of files) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text, { flag: 'wx' });
  }
  if (config.action === 'edited') writeFileSync(config.path, configText);
  return { name, transform, fixture, created: files.map(([path]) => path), config, plugin };
}
