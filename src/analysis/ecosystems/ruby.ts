/**
 * Bundler: `bundle install` needs the Gemfile (or gems.rb), its lockfile, `.ruby-version` and `.bundle/config`. It
 * declines when the Gemfile loads a gemspec (which usually reads the gem's sources) or installs gems from local paths.
 */
import { isTable, readYaml, type DataValue } from '../data-files.js';
import {
  configures,
  decline,
  environmentReads,
  envFlag,
  hasOption,
  install,
  missing,
  needsSources,
  writesManifests,
  outputsInContext,
  parseArgs,
  present,
  readProject,
} from './common.js';
import type { Ecosystem, InstallUse, Invocation, Manifests, ProjectFolder, Verdict } from './types.js';

const BUNDLE_VALUES = [
  '--jobs',
  '-j',
  '--retry',
  '--without',
  '--with',
  '--path',
  '--binstubs',
  '--gemfile',
  '--shebang',
  '--standalone',
  '--trust-policy',
  '--target-rbconfig',
];
/** The variables that name files or folders Bundler reads or writes. */
const BUNDLE_PATH_VARIABLES = [
  'BUNDLE_GEMFILE',
  'BUNDLE_APP_CONFIG',
  'BUNDLE_PATH',
  'BUNDLE_USER_HOME',
  'BUNDLE_USER_CONFIG',
  'BUNDLE_CACHE_PATH',
  'BUNDLE_BIN',
  'BUNDLE_SSL_CA_CERT',
];
/** Gemfile code that reads files or runs code layerfix cannot follow: the first match is the reason to decline. */
const GEMFILE_READS: ReadonlyArray<[RegExp, string]> = [
  [/^\s*gemspec\b/m, "loads the gem's own .gemspec, which usually reads its sources (version file, git ls-files)"],
  [/(\bpath:|:path\s*=>)\s*["']([^"']+)["']/, 'installs a gem from a local path, which needs its sources'],
  [
    /^\s*path\b\s*\(?\s*["']([^"']+)["']/m,
    'installs the gems of a `path` block from a local folder, which needs their sources',
  ],
  [
    /(\bgit:|:git\s*=>|^\s*git\b\s*\(?)\s*["'](\.{1,2}(\/[^"']*)?|\/[^"']*|file:[^"']*)["']/m,
    'installs a gem from a local git repository, which needs more than the manifests',
  ],
  [/^\s*eval_gemfile\b/m, 'evaluates another Gemfile, which layerfix does not follow'],
  [/^\s*plugin\b\s*\(?\s*["']/m, 'installs a Bundler plugin, whose hooks run during the install and may read any file'],
  [
    /^\s*source\b\s*\(?\s*["'](?!https?:\/\/)[^"']*["']/m,
    'installs gems from a local source, which needs more than the manifests',
  ],
  [
    /^\s*ruby\b[^\n]*\bfile:\s*["'](?!\.ruby-version["'])([^"']+)["']/m,
    'reads the Ruby version from a file that is not among the manifests',
  ],
  [
    /\b(File|IO|Dir|YAML|Psych|JSON|Pathname|Kernel)\s*(\.|::|\[)|\b(require_relative|require|load|instance_eval|eval|open|system|exec)\b\s*[("'`]|__dir__|__FILE__|`/,
    'runs Ruby code that may read any file',
  ],
];

/** Options Bundler remembers by writing them into `.bundle/config`. */
const REMEMBERED = [
  '--path',
  '--deployment',
  '--without',
  '--with',
  '--binstubs',
  '--system',
  '--frozen',
  '--no-cache',
  '--no-prune',
  '--shebang',
  '--clean',
];

function readBundle(invocation: Invocation): Verdict {
  const parsed = parseArgs(invocation.args, BUNDLE_VALUES);
  const [sub] = parsed.positionals;
  if (hasOption(parsed, '--gemfile'))
    return decline(
      'runs bundle with --gemfile, which layerfix does not follow',
      sub === undefined || sub === 'install',
    );
  if (sub === 'lock' || sub === 'update' || sub === 'add' || sub === 'remove') return writesManifests(invocation.text);
  if (sub === undefined || sub === 'install' || sub === 'i' || sub === 'check') {
    if (sub === undefined && hasOption(parsed, '-v', '--version')) return { kind: 'harmless' };
    const env = invocation.env;
    const frozen =
      hasOption(parsed, '--frozen', '--deployment') ||
      envFlag(env, 'BUNDLE_FROZEN') ||
      envFlag(env, 'BUNDLE_DEPLOYMENT');
    const options = [
      hasOption(parsed, ...REMEMBERED) && 'remembers',
      sub === 'check' && 'auxiliary',
      frozen && 'frozen',
    ].filter((o): o is string => !!o);
    return install('bundler', '.', options, [], environmentReads(env, BUNDLE_PATH_VARIABLES, 'bundler'));
  }
  if (sub === 'config') {
    if (hasOption(parsed, '--local'))
      return decline("writes the project's .bundle/config with `bundle config --local`");
    // `bundle config [set] gemfile x`, `local.rack ~/rack`: settings that make the install read other project files.
    const [, first, second] = parsed.positionals;
    const key = first === 'set' ? second : first;
    return key === null || (key !== undefined && /^(gemfile|local\.|BUNDLE_GEMFILE|BUNDLE_LOCAL__)/i.test(key))
      ? configures(invocation.text, "Bundler's configuration")
      : { kind: 'harmless' };
  }
  if (sub === 'version' || sub === 'env') return { kind: 'harmless' };
  return needsSources(invocation.text);
}

function bundlerManifests(project: ProjectFolder, use: InstallUse): Manifests {
  const gemfileName =
    readProject(project, 'Gemfile') !== undefined
      ? 'Gemfile'
      : readProject(project, 'gems.rb') !== undefined
        ? 'gems.rb'
        : undefined;
  if (!gemfileName) return missing(project, ['Gemfile', 'gems.rb']);
  const gemfile = (readProject(project, gemfileName) ?? '').replace(/(^|\s)#.*$/gm, '$1');
  for (const [pattern, what] of GEMFILE_READS) {
    const match = pattern.exec(gemfile);
    if (!match) continue;
    const start = gemfile.lastIndexOf('\n', match.index + (match[0].length - match[0].trimStart().length)) + 1;
    const line = gemfile.slice(start).split('\n')[0].trim();
    return { decline: `${gemfileName} line ${gemfile.slice(0, start).split('\n').length} (\`${line}\`) ${what}` };
  }
  if (present(project, ['vendor/cache']).length)
    return {
      decline: 'bundle install installs the gems in vendor/cache, which layerfix does not copy with the manifests',
    };
  const lock = readProject(project, gemfileName === 'Gemfile' ? 'Gemfile.lock' : 'gems.locked');
  if (lock !== undefined && !use.options.has('frozen')) {
    const platforms =
      /^PLATFORMS\r?\n((?:[ \t]+\S+\r?\n?)*)/m.exec(lock)?.[1].trim().split(/\s+/).filter(Boolean) ?? [];
    return {
      decline: `bundle install may rewrite the lockfile (it adds the build's platform to PLATFORMS, ${platforms.length ? `which lists ${platforms.join(', ')}` : 'which is empty'}), and the COPY would then put the old one back (set BUNDLE_FROZEN=true or BUNDLE_DEPLOYMENT=true)`,
    };
  }
  if (use.options.has('remembers') && present(project, ['.bundle/config']).length) {
    return {
      decline:
        'bundle install rewrites .bundle/config with the options it remembers, and the COPY would then put the original back',
    };
  }
  const settings = projectSettings(project);
  if (settings) return { decline: settings };
  const output = outputsInContext(project, [], ['vendor/bundle']);
  if (output) return { decline: output };
  return { files: present(project, [gemfileName, 'Gemfile.lock', 'gems.locked', '.ruby-version', '.bundle/config']) };
}

/**
 * Why the project's `.bundle/config` makes bundle install read more than the manifests, if it does: a Gemfile of
 * another name (`BUNDLE_GEMFILE`), a local override of a git gem (`BUNDLE_LOCAL__RACK`), or a path setting naming
 * something the COPY brings. Bundler gives these settings priority over the environment.
 */
function projectSettings(project: ProjectFolder): string | undefined {
  const text = readProject(project, '.bundle/config');
  if (text === undefined) return undefined;
  let data: DataValue | undefined;
  try {
    data = readYaml(text);
  } catch (error) {
    return `layerfix cannot read .bundle/config (${(error as Error).message.split('\n')[0]})`;
  }
  if (!isTable(data)) return undefined;
  const local = Object.keys(data).find((key) => key.startsWith('BUNDLE_LOCAL__'));
  if (local) return `.bundle/config sets ${local}, a local folder for a git gem, which bundle install reads`;
  const settings = new Map<string, string | undefined>();
  for (const name of BUNDLE_PATH_VARIABLES)
    if (data[name] !== undefined) settings.set(name, typeof data[name] === 'string' ? data[name] : undefined);
  for (const read of environmentReads(settings, BUNDLE_PATH_VARIABLES, 'bundler')) {
    if (read.path === null) return `.bundle/config: ${read.why} a path layerfix cannot read`;
    const path = project.locate(read.path);
    if (path !== undefined && project.context.has(path))
      return `.bundle/config: ${read.why} ${path}, which the COPY brings and which is not among the manifests`;
  }
  return undefined;
}

/** Bundler. */
export const ruby: Ecosystem = {
  name: 'ruby',
  read(invocation) {
    return invocation.name === 'bundle' || invocation.name === 'bundler' ? readBundle(invocation) : undefined;
  },
  manifests: bundlerManifests,
};
