/**
 * Killing `layerfix --write` part-way leaves every file either as it was or fully rewritten, never partial.
 * SIGKILL cannot be caught, so the temporary file being written at that moment (writes are queued: there is at
 * most one) may stay behind: its name
 * (`.<name>.layerfix-<pid>-<thread>-<n>.tmp`) is never taken for a Dockerfile, and the next `--write` removes it.
 * SIGINT removes it before exiting.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { discover } from '../src/runner/discover.js';
import { TEMP_FILE } from '../src/runner/names.js';
import { ConfigResolver } from '../src/config/resolver.js';
import { transform } from '../src/registry.js';
import { makeRepo, startCli, type Repo } from './helpers/cli-repo.js';

const TEMPLATES = [
  'FROM alpine\nRUN apk add curl\nRUN curl -V\n',
  'FROM node:20\r\nWORKDIR /app\r\nCOPY . /app\r\nRUN apt-get update\r\nRUN apt-get install -y git\r\nCMD ["node", "index.js"]\r\n',
  `# syntax=docker/dockerfile:1\nFROM python:3.12\n${'RUN mkdir -p /srv/data && touch /srv/data/ready\n'.repeat(40)}`,
];
const COUNT = 400;

function pathOf(i: number): string {
  return `svc-${String(i).padStart(3, '0')}/Dockerfile`;
}

async function setup(): Promise<{ repo: Repo; originals: string[]; expected: string[] }> {
  const outputs = await Promise.all(TEMPLATES.map(async (t) => (await transform(t)).text));
  TEMPLATES.forEach((t, i) => assert.is.not(outputs[i], t, `template ${i} must change`));
  const files: Record<string, string> = { '.layerfixrc.json': '{"root":true}' };
  const originals: string[] = [];
  const expected: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    files[pathOf(i)] = TEMPLATES[i % TEMPLATES.length];
    originals.push(TEMPLATES[i % TEMPLATES.length]);
    expected.push(outputs[i % TEMPLATES.length]);
  }
  return { repo: makeRepo(files), originals, expected };
}

/** Resolve once the first file has been rewritten (polling the file system), or the child has exited. */
function firstWrite(child: ChildProcess, repo: Repo, original: string): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    child.once('exit', () => ((done = true), resolve()));
    const poll = () => {
      if (done) return;
      if (readFileSync(repo.path(pathOf(0)), 'utf8') !== original) return resolve();
      setImmediate(poll);
    };
    poll();
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

function outcome(repo: Repo, originals: string[], expected: string[]): { rewritten: number; temps: string[] } {
  let rewritten = 0;
  for (let i = 0; i < COUNT; i++) {
    const text = readFileSync(repo.path(pathOf(i)), 'utf8');
    assert.ok(text === originals[i] || text === expected[i], `${pathOf(i)} is neither old nor new:\n${text}`);
    if (text === expected[i] && text !== originals[i]) rewritten++;
  }
  const temps = repo.list().filter((p) => !/^svc-\d+\/Dockerfile$/.test(p) && p !== '.layerfixrc.json');
  for (const temp of temps)
    assert.ok(TEMP_FILE.test(temp.slice(temp.lastIndexOf('/') + 1)), `unexpected file left behind: ${temp}`);
  return { rewritten, temps };
}

test('SIGKILL during --write (worker pool): every file old or new; a leftover temp file is never taken for a Dockerfile', async () => {
  const { repo, originals, expected } = await setup();
  try {
    const child = startCli(['--write', '--concurrency', '2'], repo.dir);
    await firstWrite(child, repo, originals[0]);
    child.kill('SIGKILL');
    await exited(child);
    const { rewritten, temps } = outcome(repo, originals, expected);
    assert.ok(rewritten >= 1, 'the kill came after the first write');
    // Writes are queued, so the one being written at that instant is the only temporary file there can be.
    assert.ok(temps.length <= 1, `at most one temporary file is left (found ${temps.join(', ')})`);
    // Whatever was left behind is not discovered as a Dockerfile by the next run ...
    const candidates = await discover(['.'], { cwd: repo.dir, resolver: new ConfigResolver({ cwd: repo.dir }) });
    assert.is(candidates.length, COUNT);
    for (const temp of temps) assert.not.ok(candidates.some((c) => c.absolutePath.endsWith(temp)));
    // ... which finishes the job and removes what the killed run left behind.
    const again = startCli(['--write'], repo.dir);
    assert.equal(await exited(again), { code: 0, signal: null });
    for (let i = 0; i < COUNT; i++) assert.is(readFileSync(repo.path(pathOf(i)), 'utf8'), expected[i]);
    assert.equal(outcome(repo, originals, expected).temps, []);
  } finally {
    repo.remove();
  }
});

test('SIGINT during --write: every file old or new, no temporary file left, exit 130', async () => {
  const { repo, originals, expected } = await setup();
  try {
    const child = startCli(['--write', '--concurrency', '1'], repo.dir);
    await firstWrite(child, repo, originals[0]);
    child.kill('SIGINT');
    const { code } = await exited(child);
    const { rewritten, temps } = outcome(repo, originals, expected);
    assert.ok(rewritten >= 1);
    assert.equal(temps, []);
    if (rewritten < COUNT) assert.is(code, 130);
  } finally {
    repo.remove();
  }
});

test('a leftover temporary file is removed by the next --write only when the process that wrote it is gone', async () => {
  const repo = makeRepo({ Dockerfile: TEMPLATES[0] });
  try {
    repo.write('.Dockerfile.layerfix-999999999-0-0.tmp', 'partial');
    repo.write(`.Dockerfile.layerfix-${process.pid}-0-0.tmp`, 'in progress');
    const run = startCli(['--write'], repo.dir);
    assert.equal(await exited(run), { code: 0, signal: null });
    assert.equal(repo.list(), [`.Dockerfile.layerfix-${process.pid}-0-0.tmp`, 'Dockerfile']);
  } finally {
    repo.remove();
  }
});

test.run();
