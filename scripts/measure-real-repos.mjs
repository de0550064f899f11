#!/usr/bin/env node
// Measure the default pipeline on real application repositories (docs/real-repositories.md).
//
//   node scripts/measure-real-repos.mjs [--max-count 200] [--out DIR] [--reuse] REPO_DIR...
//
// For each repository work tree (a git clone with its history) it runs, with this tree's built CLI (npm run build):
//   layerfix . --explain --format json --no-color                                   (the default dry run)
//   layerfix cache-report --max-count N --format json                               (every commit of the range)
//   layerfix cache-report --max-count N --first-parent --format json                (the main line only)
// keeps their JSON in DIR (default: a temporary folder; --reuse reads it back instead of running again), and prints
// Markdown tables: per repository, the files the cache transforms change and what they do, the shell commands rerun
// per source edit before and after (moves/splits apart from merges), and the reasons reorder-stable and
// split-manifest-copy declined, each weighted by its stake: the shell commands the declined RUN reran over the
// source edits of the history (the most a move or split of that RUN could save; 0 when it never reran). Last, what
// a source edit still reruns after the rewrite (each file at HEAD over the whole history, so the total is close to,
// not equal to, cache-report's), by why each RUN stays after the copy: its own reads or writes, a program layerfix
// cannot tell, or only obstacles that a probe turning them into comments removes (stillRerunClass).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const bin = join(root, 'bin/layerfix.js');
const dist = (path) => import(join(root, 'dist/src', path));
const { rerunInstructions } = await dist('cache-report/invalidate.js');
const { reportContext, contextPathsIn } = await dist('cache-report/context.js');
const { readHistory } = await dist('cache-report/git.js');
const { transform } = await dist('registry.js');
const { loadShellParser } = await dist('shell/index.js');
await loadShellParser();

const args = process.argv.slice(2);
let maxCount = 200;
let out;
let reuse = false;
const repos = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--max-count') maxCount = Number(args[++i]);
  else if (args[i] === '--out') out = args[++i];
  else if (args[i] === '--reuse') reuse = true;
  else repos.push(resolve(args[i]));
}
if (!repos.length) {
  console.error('usage: measure-real-repos.mjs [--max-count N] [--out DIR] [--reuse] REPO_DIR...');
  process.exit(2);
}
out ??= mkdtempSync(join(tmpdir(), 'layerfix-real-'));
mkdirSync(out, { recursive: true });

const CACHE = ['reorder-stable', 'split-manifest-copy', 'merge-runs'];
const BLOCKERS = ['reorder-stable', 'split-manifest-copy'];

function layerfix(cwd, name, argv) {
  const file = join(out, `${basename(cwd)}.${name}.json`);
  if (!(reuse && existsSync(file))) {
    let text;
    try {
      text = execFileSync(process.execPath, [bin, ...argv], {
        cwd,
        maxBuffer: 1 << 30,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      // Exit 2 (a file failed) still writes the report; anything without a report is an error.
      text = error.stdout;
      if (!text?.length) throw new Error(`${basename(cwd)}: layerfix ${argv.join(' ')}: ${error.stderr}`);
    }
    writeFileSync(file, text);
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** A reason without its positions and quoted words, so that equal reasons count together. */
function reasonOf(message) {
  return message
    .replace(/\b\d+:\d+\b/g, 'N')
    .replace(/^Kept (RUN|the RUNs)[^:]*: /, '')
    .replace(/`[^`]*`/g, '`…`')
    .replace(/\(and \d+ more[^)]*\)/g, '')
    .replace(/ \/[^\s,;)]*/g, ' (path)')
    .trim();
}

/** The class of a RUN whose own effects layerfix cannot tell. */
const UNKNOWN = 'runs what layerfix cannot tell (a program, a script, a shell, a path known at build time)';

/** The class of reorder-stable's reason for keeping a RUN, without its obstacle: undefined when another instruction kept it. */
function ownClassOf(why) {
  if (/^(?:runs `[^`]*`, which )?reads \S+, where the copy into/.test(why)) return 'reads what the copy brings';
  if (/^(?:runs `[^`]*`, which )?writes .*(?:also writes|a folder the COPY would make)/.test(why))
    return 'writes where the copy writes';
  if (/^would have to move past the WORKDIR [^:]*: layerfix cannot tell what it does/.test(why)) return UNKNOWN;
  if (why.startsWith('would have to move')) return undefined;
  return UNKNOWN;
}

/**
 * Why a RUN at `line` that a source edit still reruns stays after the copy of the sources. reorder-stable names the
 * first obstacle it meets; to tell a RUN kept by an obstacle from one that could not move anyway, each obstacle (a
 * USER, ARG, ENV, WORKDIR, or a RUN that stays) is turned into comment lines, one at a time, and the file planned
 * again, until the RUN moves (kept only by obstacles) or says why it cannot.
 */
async function stillRerunClass(text, line, options) {
  let probe = text;
  let obstacle;
  for (let round = 0; round < 8; round++) {
    const { messages } = await transform(probe, options);
    const mine = messages.filter((m) => m.line === line && m.ruleId === 'reorder-stable');
    const kept = mine.find((m) => m.kind === 'skip');
    if (!kept)
      return {
        why: mine.some((m) => m.kind === 'change')
          ? `moves once what stands in its way is gone (first: ${obstacle})`
          : 'after a copy of its own inputs only (a manifest, a script), or a stage built from the sources',
      };
    const why = kept.reason.replace(/^Kept RUN at [^:]*:\d+ after [^:]*:\d+: it /, '');
    const own = ownClassOf(why);
    if (own === UNKNOWN) unknownPrograms.push(/`([^`]*)`/.exec(why)?.[1] ?? why);
    if (own) return { why: own, reason: why };
    const at = / (?:the|a) (\w+) at (\d+):\d+/.exec(why);
    if (!at) return { why: UNKNOWN, reason: why };
    obstacle ??= /RUN/.test(at[1]) ? 'a RUN that stays' : `a ${at[1]}`;
    const lines = probe.split('\n');
    const start = Number(at[2]) - 1;
    // The obstacle's physical lines (a continuation ends in a backslash) become comments: the line numbers stay.
    let end = start;
    while (end < lines.length - 1 && /\\\r?$/.test(lines[end])) end++;
    for (let k = start; k <= end; k++) lines[k] = '#';
    probe = lines.join('\n');
  }
  return { why: UNKNOWN };
}

const rows = [];
const reasons = new Map();
const examples = [];
/** Shell commands still rerun after the rewrite, by why the RUN stays after the copy (`classOf`). */
const stillRerun = new Map();
/** Each RUN a source edit still reruns after the rewrite: where, how many commands, and why it stays. */
const stillReruns = [];
/** The same commands of RUNs whose effects layerfix cannot tell, by the program it names first. */
const programsUnknown = new Map();
const unknownPrograms = [];
for (const repo of repos) {
  const name = basename(repo);
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo }).toString().trim();
  const dry = layerfix(repo, 'dry', ['.', '--explain', '--format', 'json', '--no-color']);
  const report = layerfix(repo, 'cr', ['cache-report', '--max-count', String(maxCount), '--format', 'json']);
  const main = layerfix(repo, 'cr-fp', [
    'cache-report',
    '--max-count',
    String(maxCount),
    '--first-parent',
    '--format',
    'json',
  ]);
  const history = readHistory(repo, { maxCount });
  const row = {
    repo: name,
    commit: head.slice(0, 12),
    dockerfiles: dry.files.length,
    failed: dry.files.filter((f) => f.status === 'failed' || f.status === 'error').map((f) => f.path),
    changedByCache: 0,
    changedByChecksOnly: 0,
    merges: 0,
    moves: 0,
    splits: 0,
    stake: 0,
    afterCounted: 0,
    report,
    main,
  };
  for (const file of dry.files) {
    const changes = file.changes ?? {};
    const cache = CACHE.some((t) => changes[t]);
    if (cache) row.changedByCache++;
    else if (file.status === 'changed') row.changedByChecksOnly++;
    for (const m of file.messages ?? []) {
      if (m.kind !== 'change') continue;
      if (m.ruleId === 'merge-runs') row.merges++;
      if (m.ruleId === 'reorder-stable') row.moves++;
      if (m.ruleId === 'split-manifest-copy') row.splits++;
    }
    const declines = (file.messages ?? []).filter((m) => m.kind === 'skip' && BLOCKERS.includes(m.ruleId));
    const path = join(repo, file.path);
    const text = readFileSync(path, 'utf8');
    const contextDir = file.build?.context !== undefined ? resolve(repo, file.build.context) : resolve(path, '..');
    const context = reportContext(path, contextDir);
    const prefix = relative(repo, contextDir).split('\\').join('/');
    const rel = relative(repo, path).split('\\').join('/');
    const edits = history
      .filter((commit) => !commit.paths.includes(rel))
      .map((commit) => contextPathsIn(context, prefix, commit.paths))
      .filter((paths) => paths.length);
    // Per line of a RUN: the shell commands it reran over the history's source edits (cache-report's own count).
    const rerunsByLine = (dockerfile) => {
      const reruns = new Map();
      const change = { previous: dockerfile, target: file.build?.target, args: file.build?.args };
      for (const paths of edits)
        for (const { view, commands } of rerunInstructions(dockerfile, { ...change, paths })) {
          const line = view.node.position.start.line;
          reruns.set(line, (reruns.get(line) ?? 0) + commands);
        }
      return reruns;
    };
    // What still reruns after the rewrite, by why reorder-stable keeps each RUN there.
    const build = { context: contextDir, target: file.build?.target, args: file.build?.args };
    const after = (await transform(text, { path, build })).text;
    for (const [line, commands] of rerunsByLine(after)) {
      unknownPrograms.length = 0;
      const { why, reason } = await stillRerunClass(after, line, { path, build });
      stillReruns.push({ repo: name, file: file.path, line, commands, why, reason });
      for (const program of unknownPrograms.slice(-1))
        programsUnknown.set(program, (programsUnknown.get(program) ?? 0) + commands);
      stillRerun.set(why, (stillRerun.get(why) ?? 0) + commands);
      row.afterCounted += commands;
    }
    if (!declines.length) continue;
    // The stake of each declined RUN: its commands times the source edits (of the history) that rerun it.
    const reruns = rerunsByLine(text);
    for (const m of declines) {
      const stake = reruns.get(m.line) ?? 0;
      const key = `${m.ruleId}: ${reasonOf(m.message)}`;
      const entry = reasons.get(key) ?? { declines: 0, blocking: 0, stake: 0 };
      entry.declines++;
      if (stake > 0) entry.blocking++;
      entry.stake += stake;
      reasons.set(key, entry);
      row.stake += stake;
      if (stake > 0)
        examples.push({ repo: name, file: file.path, line: m.line, rule: m.ruleId, stake, message: m.message });
    }
  }
  rows.push(row);
  process.stderr.write(`${name}: ${row.dockerfiles} Dockerfiles\n`);
}

const pct = (before, after) => (before ? `${(((before - after) / before) * 100).toFixed(1)}%` : '–');
const sum = (pick) => rows.reduce((n, r) => n + pick(r), 0);
const lines = [];
lines.push(
  '| repository | commit | Dockerfiles | changed (cache) | merges | moves | splits | source edits | before | after | fewer | moves/splits | merges add | first-parent before → after |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
);
for (const r of rows) {
  const s = r.report.source;
  const m = r.main.source;
  lines.push(
    `| ${r.repo.replace('+', '/')} | ${r.commit} | ${r.dockerfiles} | ${r.changedByCache} | ${r.merges} | ${r.moves} | ${r.splits} | ${s.commits} | ${s.before.commands} | ${s.after.commands} | ${pct(s.before.commands, s.after.commands)} | ${r.report.fromMoves} | ${r.report.fromMerges} | ${m.before.commands} → ${m.after.commands} (${pct(m.before.commands, m.after.commands)}) |`,
  );
}
const total = (key, part) => sum((r) => r[key].source[part].commands);
lines.push(
  `| **total** (${rows.length}) | | ${sum((r) => r.dockerfiles)} | ${sum((r) => r.changedByCache)} | ${sum((r) => r.merges)} | ${sum((r) => r.moves)} | ${sum((r) => r.splits)} | ${sum((r) => r.report.source.commits)} | ${total('report', 'before')} | ${total('report', 'after')} | ${pct(total('report', 'before'), total('report', 'after'))} | ${sum((r) => r.report.fromMoves)} | ${sum((r) => r.report.fromMerges)} | ${total('main', 'before')} → ${total('main', 'after')} (${pct(total('main', 'before'), total('main', 'after'))}) |`,
);
lines.push('');
lines.push('| decline (reorder-stable, split-manifest-copy) | declines | on a RUN that reran | stake (commands) |');
lines.push('| --- | ---: | ---: | ---: |');
for (const [key, v] of [...reasons].sort((a, b) => b[1].stake - a[1].stake || b[1].declines - a[1].declines))
  lines.push(`| ${key.replace(/\|/g, '\\|')} | ${v.declines} | ${v.blocking} | ${v.stake} |`);
const counted = sum((r) => r.afterCounted);
lines.push('');
lines.push(
  `| what a source edit still reruns, by why reorder-stable keeps the RUN after the copy | commands | share |`,
  '| --- | ---: | ---: |',
);
for (const [why, commands] of [...stillRerun].sort((a, b) => b[1] - a[1]))
  lines.push(`| ${why} | ${commands} | ${((commands / counted) * 100).toFixed(1)}% |`);
lines.push(
  `| programs layerfix cannot tell, most commands first | ${[...programsUnknown]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([program, commands]) => `\`${program.replace(/\|/g, '\\|').slice(0, 40)}\` ${commands}`)
    .join(', ')} | |`,
);
lines.push(`| **total** (cache-report's after: ${total('report', 'after')}) | ${counted} | |`);
console.log(lines.join('\n'));
const summary = {
  out,
  maxCount,
  repos: rows.map(({ report, main, ...r }) => ({
    ...r,
    source: report.source,
    dockerfileEdits: report.dockerfile,
    fromMoves: report.fromMoves,
    fromMerges: report.fromMerges,
    firstParent: { source: main.source, fromMoves: main.fromMoves, fromMerges: main.fromMerges },
    perFile: report.files.map((f) => ({
      path: f.path,
      context: f.context,
      contextSource: f.contextSource,
      source: f.source,
      gain: f.gain,
    })),
  })),
  reasons: Object.fromEntries(reasons),
  examples: examples.sort((a, b) => b.stake - a.stake),
  stillReruns: stillReruns.sort((a, b) => b.commands - a.commands),
};
writeFileSync(join(out, 'summary.json'), JSON.stringify(summary, null, 2));
console.error(`raw reports and summary.json in ${out}`);
