#!/usr/bin/env node
// Runs the uvu suites under dist/test and ends with the plain line CI reads: `N passed, N failed`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const uvu = join(dirname(require.resolve('uvu')), '..', 'bin.js');
const targets = process.argv.slice(2);
const args = targets.length
  ? ['dist/test', targets.map((t) => t.replace(/^dist\/test\//, '')).join('|')]
  : ['dist/test', '\\.test\\.js$'];
if (!existsSync('dist/test')) {
  console.error('dist/test is missing: run `tsc -p .` first');
  process.exit(2);
}
const child = spawn(process.execPath, [uvu, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  out += chunk;
});
child.on('close', (code) => {
  const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
  const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1] ?? 0);
  const passed = Number(/Passed:\s+(\d+)/.exec(plain)?.[1] ?? 0);
  const skipped = Number(/Skipped:\s+(\d+)/.exec(plain)?.[1] ?? 0);
  const failed = Math.max(total - passed - skipped, code === 0 ? 0 : 1);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  // Exit once the closing line has reached stdout: a pipe another process made non-blocking takes writes
  // asynchronously, and exiting at once would lose it.
  const status = code === 0 && total > 0 ? 0 : 1;
  process.exitCode = status;
  process.stdout.write('', () => process.exit(status));
});
