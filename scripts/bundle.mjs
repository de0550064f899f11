#!/usr/bin/env node
// Bundles the compiled CLI (dist/src, dist/transforms, after `tsc -p .`) into one CommonJS script,
// dist/bundle/layerfix.cjs, and writes V8's code cache for it (dist/bundle/layerfix.cache) from a training run.
// bin/layerfix.js and the pool's workers load it through dist/src/startup/bundle-loader.cjs: a cold `layerfix --check` then
// neither resolves ~150 ES modules nor parses and compiles their code (Node 20 has no module compile cache).
//
// - Heavy or rarely needed packages stay outside and load on first use: ts-morph, typescript, prettier (the
//   plugin; the printer's prettier/doc is bundled), jiti and cosmiconfig. Everything else the CLI imports is in.
// - `import.meta.url` of each module becomes that module's own URL, so paths relative to it resolve as before:
//   for layerfix's modules, computed from the bundle's URL (tree-sitter-bash.wasm, package.json, worker.js);
//   for a package's, from where `require.resolve` finds that package at run time (web-tree-sitter reads its
//   .wasm beside its module, wherever npm installed it).
// - `import("pkg")` of the outside packages becomes `__layerfixImport("pkg")`, a function the loader passes in:
//   code run by vm.Script from a code cache has no dynamic import of its own on Node 20.
// - Each bundled module reports its evaluation to `globalThis[Symbol.for('layerfix.trace')]` when a test sets it
//   (test/helpers/record-imports.ts), so tests still see which modules a command loads.
// - The bundle's last line names its build (a hash of its text); the code cache starts with the same name, and
//   a cache of another build is never used.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle');
const entry = join(root, 'dist', 'src', 'startup', 'bundle-entry.js');
const bundleFile = join(outdir, 'layerfix.cjs');
const cacheFile = join(outdir, 'layerfix.cache');

/** Loaded on first use, from node_modules, as ES modules or CommonJS. */
const OUTSIDE = ['jiti', 'cosmiconfig', 'ts-morph', 'typescript', 'prettier'];

/**
 * Packages taken in their CommonJS build: fdir's ES build loads picomatch through createRequire, out of the
 * bundler's sight (a second copy at run time); its CommonJS build requires it plainly.
 */
const COMMONJS_BUILD = ['fdir'];
const requireHere = createRequire(join(root, 'package.json'));

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.error('bundle: esbuild is missing; install the development dependencies (`npm ci`).');
  process.exit(1);
}

const posix = (path) => path.split(sep).join('/');

/** The run-time expression of a module's own URL (see above). */
function ownUrl(path) {
  const id = posix(relative(root, path));
  const fromBundle = JSON.stringify(posix(relative(outdir, path)));
  const parts = id.split('/');
  if (parts[0] !== 'node_modules') return `new URL(${fromBundle}, __layerfixBundleUrl).href`;
  if (parts.lastIndexOf('node_modules') !== 0) throw new Error(`bundle: ${id} (a nested package) uses import.meta.url`);
  const name = parts[1].startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1];
  const fromMain = JSON.stringify(posix(relative(dirname(requireHere.resolve(name)), path)));
  return `__layerfixPackageUrl(${JSON.stringify(name)}, ${fromMain}, ${fromBundle})`;
}

/** Keeps OUTSIDE out, takes COMMONJS_BUILD packages in their CommonJS build. */
const resolvePlugin = {
  name: 'layerfix-resolve',
  setup(build) {
    const outside = new RegExp(`^(${OUTSIDE.join('|')})$`);
    build.onResolve({ filter: outside }, (args) => ({ path: args.path, external: true }));
    const commonjs = new RegExp(`^(${COMMONJS_BUILD.join('|')})$`);
    build.onResolve({ filter: commonjs }, (args) => ({ path: requireHere.resolve(args.path) }));
  },
};

/** Rewrites import.meta.url of every module to its own URL and adds the evaluation trace. */
const modulesPlugin = {
  name: 'layerfix-modules',
  setup(build) {
    build.onLoad({ filter: /\.(c|m)?js$/ }, async (args) => {
      let text = readFileSync(args.path, 'utf8');
      if (text.includes('import.meta.url')) text = text.replaceAll('import.meta.url', ownUrl(args.path));
      text += `\n;globalThis[Symbol.for("layerfix.trace")]?.(${JSON.stringify(posix(relative(root, args.path)))});\n`;
      return { contents: text, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: [entry],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  plugins: [resolvePlugin, modulesPlugin],
  write: false,
  metafile: true,
  logLevel: 'warning',
  charset: 'ascii',
  // A bundled package reading import.meta would get an empty object: fail instead.
  logOverride: { 'empty-import-meta': 'error' },
  banner: {
    js: [
      '"use strict";',
      'var __layerfixBundleUrl = require("node:url").pathToFileURL(__filename).href;',
      // A package's file: where it was at build time, if it is still there (a checkout, or npm did not hoist
      // the package), else where require.resolve finds the package (slower: it reads package.json exports).
      'var __layerfixPackages = {};',
      'function __layerfixPackageUrl(name, fromMain, fromBundle) {',
      '  var here = new URL(fromBundle, __layerfixBundleUrl);',
      '  if (__layerfixPackages[name] === undefined) __layerfixPackages[name] = require("node:fs").existsSync(here) ? "" : require("node:url").pathToFileURL(require.resolve(name)).href;',
      '  return __layerfixPackages[name] ? new URL(fromMain, __layerfixPackages[name]).href : here.href;',
      '}',
    ].join('\n'),
  },
});

let text = result.outputFiles[0].text;
const imports = [];
text = text.replace(/(?<![\w$.])import\((?=["'])/g, () => (imports.push(1), '__layerfixImport('));
const left = /(?<![\w$.])import\s*\(/.exec(text);
if (left) {
  console.error(`bundle: a dynamic import the loader cannot serve is left: ${text.slice(left.index, left.index + 80)}`);
  process.exit(1);
}
const inputs = Object.keys(result.metafile.inputs);
for (const name of OUTSIDE) {
  const inside = inputs.filter(
    (input) =>
      input.startsWith(`node_modules/${name}/`) &&
      !(name === 'prettier' && input.startsWith('node_modules/prettier/doc')),
  );
  if (inside.length) {
    console.error(`bundle: ${name} should load on first use, but the bundle holds ${inside[0]}`);
    process.exit(1);
  }
}
// Pure ASCII, so the loader can read it as latin1 (several times faster than decoding UTF-8). esbuild already
// escapes what strings, templates and regular expressions hold; what is left sits in comments and identifiers,
// where a \u escape means the same.
text = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const id = createHash('sha256').update(text).digest('hex');
text += `\n//# layerfix-build ${id}\n`;

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
writeFileSync(bundleFile, text);
writeFileSync(
  join(outdir, 'self.cjs'),
  `// \`import ... from 'layerfix'\` in a plugin or config loaded by the bundled CLI: that running copy's API.\n` +
    `const running = globalThis[Symbol.for('layerfix.bundle')];\n` +
    `if (!running) throw new Error('layerfix/dist/bundle/self.cjs is for plugins loaded by the bundled CLI; import "layerfix" instead');\n` +
    `module.exports = running.layerfixApi();\n`,
);
writeFileSync(join(outdir, 'modules.json'), `${JSON.stringify(inputs.sort(), null, 1)}\n`);

// The training run: compile what a typical run needs, then save it as the code cache.
const train = spawnSync(process.execPath, [join(root, 'scripts', 'train-bundle.mjs')], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, LAYERFIX_NO_BUNDLE: '' },
});
if (train.status !== 0) {
  console.error(`bundle: the training run failed (${train.status ?? train.signal}):\n${train.stderr}${train.stdout}`);
  process.exit(1);
}
const kb = (bytes) => `${Math.round(bytes / 1024)} KiB`;
console.log(
  `bundle: ${posix(relative(process.cwd(), bundleFile))} (${kb(text.length)}, ${inputs.length} modules, ${imports.length} outside imports), code cache ${kb(readFileSync(cacheFile).length)}`,
);
