#!/usr/bin/env node
// The training run of scripts/bundle.mjs: load the bundle, run the commands a typical cold `layerfix` runs (a
// check of one file, a dry run with diffs over a small app, a run under a JSON config), then save V8's code
// cache of everything compiled so far. Output goes nowhere; a failing command fails the build.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleState, loadBundle, writeBundleCache } from '../dist/src/startup/bundle-loader.cjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = loadBundle();
if (!bundle) {
  console.error(`train-bundle: the bundle did not load: ${bundleState().reason}`);
  process.exit(1);
}

const scratch = mkdtempSync(join(tmpdir(), 'layerfix-train-'));
try {
  const app = join(scratch, 'app');
  cpSync(join(root, 'examples', 'node-app'), app, { recursive: true });
  writeFileSync(
    join(scratch, 'Dockerfile'),
    'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN curl --version\nCOPY . /app\nCMD ["/app/run"]\n',
  );
  const configured = join(scratch, 'configured');
  cpSync(app, configured, { recursive: true });
  writeFileSync(
    join(configured, '.layerfixrc.json'),
    '{ "root": true, "transforms": { "merge-runs": { "isolateState": true } } }\n',
  );

  const io = (cwd) => ({
    cwd,
    env: {},
    stdout: { write() {}, isTTY: false },
    stderr: { write() {}, isTTY: false },
    readStdin: async () => '',
  });
  const runs = [
    [scratch, ['--check', 'Dockerfile']],
    [app, []],
    [configured, ['--check', '--explain']],
  ];
  for (const [cwd, argv] of runs) {
    const code = await bundle.main(argv, io(cwd));
    if (code > 1) throw new Error(`layerfix ${argv.join(' ')} exited ${code}`);
  }
  writeBundleCache();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
