/**
 * Composer: `composer install` needs `composer.json`, `composer.lock` and `auth.json`. It declines when the install
 * would run the project's event scripts, build an autoloader that scans the sources (a classmap, or an optimised
 * autoloader) unless `--no-autoloader` is given, or install path repositories.
 */
import {
  configures,
  decline,
  environmentReads,
  envFlag,
  hasOption,
  isRemote,
  install,
  missing,
  needsSources,
  writesManifests,
  optionValue,
  outputsInContext,
  parseArgs,
  present,
  readJson,
  readProject,
} from './common.js';
import type { Ecosystem, InstallUse, Invocation, Manifests, ProjectFolder, Verdict } from './types.js';

const COMPOSER_VALUES = ['-d', '--working-dir', '--ignore-platform-req', '--only-vendor'];
const INSTALLS = new Set(['install', 'i', 'validate', 'check-platform-reqs', 'show', 'outdated', 'audit']);
const WRITES = new Set(['update', 'u', 'upgrade', 'require', 'r', 'remove', 'rm', 'bump']);
const HARMLESS = new Set([
  'global',
  'clear-cache',
  'clearcache',
  'cc',
  'self-update',
  'selfupdate',
  'diagnose',
  'about',
  '--version',
]);
const EVENTS = [
  'pre-install-cmd',
  'post-install-cmd',
  'pre-update-cmd',
  'post-update-cmd',
  'pre-autoload-dump',
  'post-autoload-dump',
  'pre-package-install',
  'post-package-install',
  'pre-package-update',
  'post-package-update',
  'pre-dependencies-solving',
  'post-dependencies-solving',
  'pre-operations-exec',
  'post-root-package-install',
  // Plugin events, whose root scripts run during an install as well (red team 19).
  'init',
  'command',
  'pre-command-run',
  'pre-pool-create',
  'pre-file-download',
  'post-file-download',
];

/** Global composer settings that change what an install reads or writes in the project. */
const GLOBAL_PROJECT_SETTINGS = new Set([
  'optimize-autoloader',
  'classmap-authoritative',
  'apcu-autoloader',
  'apcu-autoloader-prefix',
  'autoloader-suffix',
  'vendor-dir',
  'bin-dir',
  'allow-plugins',
  'preferred-install',
]);

function readComposer(invocation: Invocation, args: Array<string | null>): Verdict {
  const parsed = parseArgs(args, COMPOSER_VALUES);
  const [sub] = parsed.positionals;
  const dir = optionValue(parsed, '-d', '--working-dir');
  if (sub === undefined)
    return hasOption(parsed, '--version', '-V') ? { kind: 'harmless' } : needsSources(invocation.text);
  if (sub === null) return decline('runs composer with a subcommand only known at build time');
  if (WRITES.has(sub)) return writesManifests(invocation.text);
  if (INSTALLS.has(sub)) {
    const options = [
      hasOption(parsed, '--no-scripts') && 'no-scripts',
      (hasOption(parsed, '--no-plugins') || envFlag(invocation.env, 'COMPOSER_NO_PLUGINS')) && 'no-plugins',
      hasOption(parsed, '--no-autoloader') && 'no-autoloader',
      hasOption(parsed, '--no-dev', '--update-no-dev') && 'no-dev',
      hasOption(parsed, '-o', '--optimize-autoloader', '-a', '--classmap-authoritative', '--apcu-autoloader') &&
        'optimize',
      sub !== 'install' && sub !== 'i' && 'auxiliary',
    ].filter((o): o is string => !!o);
    return install(
      'composer',
      dir,
      options,
      [],
      environmentReads(
        invocation.env,
        ['COMPOSER', 'COMPOSER_HOME', 'COMPOSER_VENDOR_DIR', 'COMPOSER_BIN_DIR', 'COMPOSER_CACHE_DIR'],
        'composer',
      ),
    );
  }
  if (sub === 'config') {
    if (!hasOption(parsed, '-g', '--global')) return decline('changes composer.json with `composer config`');
    const key = parsed.positionals[1];
    if (hasOption(parsed, '-l', '--list') || key === undefined) return { kind: 'harmless' };
    // The global settings that decide what an install reads of the project: the autoloader it dumps, where it installs.
    return key === null || GLOBAL_PROJECT_SETTINGS.has(key)
      ? configures(invocation.text, "composer's global configuration")
      : { kind: 'harmless' };
  }
  if (HARMLESS.has(sub)) return { kind: 'harmless' };
  return needsSources(invocation.text);
}

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

function composerManifests(project: ProjectFolder, use: InstallUse): Manifests {
  const read = readJson(project, 'composer.json');
  if ('decline' in read) return read;
  if (!read.value) return missing(project, ['composer.json']);
  const manifest = read.value;
  const scripts = record(manifest.scripts);
  const event = EVENTS.find((name) => scripts[name] !== undefined);
  if (event && !use.options.has('no-scripts')) {
    return {
      decline: `composer.json has a \`${event}\` script, which composer runs during the install and which may read the sources (add --no-scripts)`,
    };
  }
  if (!use.options.has('no-autoloader')) {
    const config = record(manifest.config);
    if (
      use.options.has('optimize') ||
      config['optimize-autoloader'] === true ||
      config['classmap-authoritative'] === true ||
      config['apcu-autoloader'] === true
    ) {
      return {
        decline:
          'composer builds an optimised autoloader, which scans the sources (add --no-autoloader and dump it after the COPY)',
      };
    }
    const sections = [
      record(manifest.autoload),
      ...(use.options.has('no-dev') ? [] : [record(manifest['autoload-dev'])]),
    ];
    if (sections.some((section) => Array.isArray(section.classmap) && section.classmap.length > 0)) {
      return {
        decline:
          'composer.json has a classmap autoload, which composer builds by scanning the sources (add --no-autoloader and dump it after the COPY)',
      };
    }
  }
  const repositories = Array.isArray(manifest.repositories)
    ? manifest.repositories
    : Object.values(record(manifest.repositories));
  const path = repositories
    .map(record)
    .find(
      (repository) =>
        repository.type === 'path' ||
        repository.type === 'artifact' ||
        (typeof repository.url === 'string' && !isRemote(repository.url)),
    );
  if (path)
    return {
      decline: `composer.json installs from the local ${String(path.type)} repository \`${String(path.url)}\`, which needs more than the manifests`,
    };
  const plugin = use.options.has('no-plugins') ? undefined : pluginProblem(project, manifest, use);
  if (plugin) return { decline: plugin };
  const extra = record(manifest.extra);
  if (extra['merge-plugin'] !== undefined)
    return {
      decline: 'composer.json merges other composer.json files (extra.merge-plugin), which layerfix does not follow',
    };
  if (extra.patches !== undefined || extra['patches-file'] !== undefined)
    return { decline: 'composer.json has patches that a plugin applies from local files during the install' };
  const vendor =
    typeof record(manifest.config)['vendor-dir'] === 'string'
      ? (record(manifest.config)['vendor-dir'] as string)
      : 'vendor';
  const output = outputsInContext(project, [], [vendor]);
  return output ? { decline: output } : { files: present(project, ['composer.json', 'composer.lock', 'auth.json']) };
}

/**
 * Composer plugins that read or write the project's files during the install: each entry says why, for a project
 * that requires the plugin and lets it run (`config.allow-plugins`), or undefined when it leaves them alone here.
 */
/** Composer plugins that patch the installed packages from files of the project. */
const PATCH_PLUGINS = [
  'cweagans/composer-patches',
  'vaimo/composer-patches',
  'netresearch/composer-patches-plugin',
  'symplify/vendor-patches',
];

const PLUGINS: ReadonlyArray<
  [string, (project: ProjectFolder, manifest: Record<string, unknown>, use: InstallUse) => string | undefined]
> = [
  [
    'symfony/flex',
    (_project, _manifest, use) =>
      use.options.has('no-scripts')
        ? undefined
        : 'symfony/flex applies recipes after the install, which read symfony.lock and write configuration into the project (add --no-scripts)',
  ],
  [
    'drupal/core-composer-scaffold',
    () =>
      "drupal/core-composer-scaffold writes scaffold files into the project during the install, where the COPY would then put the context's copies",
  ],
  // Patch plugins apply patch files of the project during the install: composer-patches 2 those patches.json names
  // (beside composer.json by default) and writes patches.lock.json; vaimo's searches patch folders (red teams 31, 33).
  ...PATCH_PLUGINS.map((name): [string, () => string] => [
    name,
    () => `${name} applies patch files of the project during the install, which are not among the manifests`,
  ]),
  ...['composer/installers', 'oomphinc/composer-installers-extender'].map(
    (name): [string, (project: ProjectFolder, manifest: Record<string, unknown>) => string | undefined] => [
      name,
      (project, manifest) => {
        const paths = Object.keys(record(record(manifest.extra)['installer-paths']));
        const held = paths
          .map((path) => path.split('{$')[0].replace(/\/+$/, ''))
          .find((path) => path && present(project, [path]).length);
        return held
          ? `${name} installs packages into ${held}, which the build context holds and the COPY would then copy over them`
          : undefined;
      },
    ],
  ),
];

/** Why a Composer plugin the project lets run reads or writes its files during the install, if one does. */
function pluginProblem(project: ProjectFolder, manifest: Record<string, unknown>, use: InstallUse): string | undefined {
  // A plugin runs whether the project requires it or a dependency brings it (composer.lock lists both).
  const required: Record<string, unknown> = {
    ...record(manifest.require),
    ...(use.options.has('no-dev') ? {} : record(manifest['require-dev'])),
  };
  for (const name of lockedPackages(project, !use.options.has('no-dev'))) required[name] = true;
  const allowed = record(manifest.config)['allow-plugins'];
  for (const [name, check] of PLUGINS) {
    if (!(name in required)) continue;
    if (
      allowed === false ||
      (allowed &&
        typeof allowed === 'object' &&
        record(allowed)[name] !== true &&
        !Object.entries(record(allowed)).some(
          ([pattern, on]) =>
            on === true &&
            new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(name),
        ))
    )
      continue;
    const problem = check(project, manifest, use);
    if (problem) return problem;
  }
  return undefined;
}

/** The names of the packages composer.lock holds (with the development ones when `dev`); none when it cannot be read. */
function lockedPackages(project: ProjectFolder, dev: boolean): string[] {
  let lock: Record<string, unknown>;
  try {
    lock = record(JSON.parse(readProject(project, 'composer.lock') ?? '{}'));
  } catch {
    return [];
  }
  const lists = [lock.packages, ...(dev ? [lock['packages-dev']] : [])];
  return lists.flatMap((list) =>
    Array.isArray(list) ? list.map((p) => record(p).name).filter((n) => typeof n === 'string') : [],
  ) as string[];
}

/** Composer. */
export const php: Ecosystem = {
  name: 'php',
  read(invocation) {
    if (/^composer(\.phar)?$/.test(invocation.name)) return readComposer(invocation, invocation.args);
    const [script, ...rest] = invocation.args;
    if (/^php[\d.]*$/.test(invocation.name) && script && /(^|\/)composer(\.phar)?$/.test(script))
      return readComposer(invocation, rest);
    return undefined;
  },
  manifests: composerManifests,
};
