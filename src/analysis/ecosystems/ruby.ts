/**
 * Bundler: `bundle install` needs the Gemfile (or gems.rb), its lockfile, `.ruby-version` and `.bundle/config`. It
 * declines when the Gemfile loads a gemspec (which usually reads the gem's sources) or installs gems from local paths.
 */
import { decline, hasOption, install, missing, needsSources, writesManifests, outputsInContext, parseArgs, present, readProject } from './common.js';
import type { Ecosystem, InstallUse, Invocation, Manifests, ProjectFolder, Verdict } from './types.js';

const BUNDLE_VALUES = ['--jobs', '-j', '--retry', '--without', '--with', '--path', '--binstubs', '--gemfile', '--shebang', '--standalone', '--trust-policy', '--target-rbconfig'];
/** Options Bundler remembers by writing them into `.bundle/config`. */
const REMEMBERED = ['--path', '--deployment', '--without', '--with', '--binstubs', '--system', '--frozen', '--no-cache', '--no-prune', '--shebang', '--clean'];

function readBundle(invocation: Invocation): Verdict {
  const parsed = parseArgs(invocation.args, BUNDLE_VALUES);
  const [sub] = parsed.positionals;
  if (hasOption(parsed, '--gemfile')) return decline('runs bundle with --gemfile, which layerfix does not follow', sub === undefined || sub === 'install');
  if (sub === 'lock' || sub === 'update' || sub === 'add' || sub === 'remove') return writesManifests(invocation.text);
  if (sub === undefined || sub === 'install' || sub === 'i' || sub === 'check') {
    if (sub === undefined && hasOption(parsed, '-v', '--version')) return { kind: 'harmless' };
    return install('bundler', '.', [...(hasOption(parsed, ...REMEMBERED) ? ['remembers'] : []), ...(sub === 'check' ? ['auxiliary'] : [])]);
  }
  if (sub === 'config') return hasOption(parsed, '--local') ? decline('writes the project\'s .bundle/config with `bundle config --local`') : { kind: 'harmless' };
  if (sub === 'version' || sub === 'env') return { kind: 'harmless' };
  return needsSources(invocation.text);
}

function bundlerManifests(project: ProjectFolder, use: InstallUse): Manifests {
  const gemfileName = readProject(project, 'Gemfile') !== undefined ? 'Gemfile' : readProject(project, 'gems.rb') !== undefined ? 'gems.rb' : undefined;
  if (!gemfileName) return missing(project, ['Gemfile', 'gems.rb']);
  const gemfile = (readProject(project, gemfileName) ?? '').replace(/#.*$/gm, '');
  if (/^\s*gemspec\b/m.test(gemfile)) return { decline: `${gemfileName} loads the gem's own .gemspec, which usually reads its sources (version file, git ls-files)` };
  const local = /(\bpath:|:path\s*=>)\s*["']([^"']+)["']/.exec(gemfile);
  if (local) return { decline: `${gemfileName} installs a gem from the local path \`${local[2]}\`, which needs more than the manifests` };
  if (/^\s*eval_gemfile\b/m.test(gemfile)) return { decline: `${gemfileName} evaluates another Gemfile with eval_gemfile, which layerfix does not follow` };
  if (use.options.has('remembers') && present(project, ['.bundle/config']).length) {
    return { decline: 'bundle install rewrites .bundle/config with the options it remembers, and the COPY would then put the original back' };
  }
  const output = outputsInContext(project, [], ['vendor/bundle']);
  if (output) return { decline: output };
  return { files: present(project, [gemfileName, 'Gemfile.lock', 'gems.locked', '.ruby-version', '.bundle/config']) };
}

/** Bundler. */
export const ruby: Ecosystem = {
  name: 'ruby',
  read(invocation) {
    return invocation.name === 'bundle' || invocation.name === 'bundler' ? readBundle(invocation) : undefined;
  },
  manifests: bundlerManifests,
};
