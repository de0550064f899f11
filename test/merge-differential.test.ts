/**
 * Differential shell test of merge-runs: generated sequences of RUN bodies are executed with real shells, once as
 * the separate RUNs of the input (a fresh `sh -c` each, stopping at the first failure, like `docker build`) and
 * once as the RUNs merge-runs wrote (with `isolateState` false and true). The overall success and every file left
 * behind (path, mode, content) must be the same.
 *
 * DIFF_RUNS sets the number of generated cases (default 2000), DIFF_SEED the seed. The cases that use the features
 * of a known merge-runs bug (KNOWN_BUGS) are asserted in that bug's own test, which fails until the bug is fixed; the
 * KNOWN BUG tests at the end hold a minimal reproduction of each.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { transform } from '../src/registry.js';
import { parse } from '../src/syntax/parse.js';
import { instructions } from '../src/syntax/view.js';
import {
  availableShells,
  Sandbox,
  START_DEPTH,
  type SandboxJob,
  type SandboxOutcome,
  type SandboxShell,
} from './helpers/shell-sandbox.js';

const CASES = Number(process.env.DIFF_RUNS ?? 2000);
const SEED = Number(process.env.DIFF_SEED ?? 0x5eed1a7e);
if (!Number.isInteger(CASES) || CASES < 1)
  throw new Error(`DIFF_RUNS must be a positive integer, got ${process.env.DIFF_RUNS}`);
if (!Number.isInteger(SEED)) throw new Error(`DIFF_SEED must be an integer, got ${process.env.DIFF_SEED}`);
const BATCH = 125;
const MODES = ['default', 'isolateState'] as const;
type Mode = (typeof MODES)[number];

// ---------------------------------------------------------------------------------------------------------------
// The grammar

/** A fragment of a RUN body: shell text, how often to pick it, and what it does that matters to the partition. */
interface Fragment {
  text: string;
  weight: number;
  /** How many `cd ..` it runs (a case keeps the total below the sandbox's start depth). */
  up?: number;
  /** Turns errexit on inside a subshell: the known errexit bug applies. */
  nestedErrexit?: boolean;
}

const FRAGMENTS: Fragment[] = [
  // file writes
  { text: 'echo x > f1', weight: 3 },
  { text: 'echo y >> f2', weight: 3 },
  { text: 'mkdir -p d && touch d/f', weight: 3 },
  { text: 'touch t', weight: 1 },
  { text: 'echo z > d/g', weight: 1 },
  { text: 'cat f1 > f3', weight: 1 },
  { text: 'rm -f f1', weight: 1 },
  { text: 'echo "x#y" > h', weight: 1 },
  { text: 'echo a#b > hh', weight: 1 },
  { text: 'echo ${#V} > vlen', weight: 1 },
  { text: "printf '%s\\n' a b > pf", weight: 1 },
  { text: 'echo p | cat > pipe', weight: 1 },
  { text: 'touch t && find . -name t -exec rm {} \\;', weight: 1 },
  { text: 'echo semi\\; > es', weight: 1 },
  // working directory
  { text: 'mkdir -p d && cd d', weight: 2 },
  { text: 'cd d', weight: 1 },
  { text: 'cd ..', weight: 1, up: 1 },
  { text: 'command cd d', weight: 1 },
  { text: 'pwd > pwdout', weight: 2 },
  { text: '( cd d && touch sub )', weight: 2 },
  { text: '{ cd d && pwd > bp; }', weight: 1 },
  // variables
  { text: 'export V=1', weight: 2 },
  { text: 'V=2', weight: 2 },
  { text: 'unset V', weight: 1 },
  { text: 'echo "$V" > vout', weight: 2 },
  { text: 'echo "${V:-none}" >> vout', weight: 1 },
  { text: '(env | grep "^V=" || echo none) > venv', weight: 1 },
  { text: 'readonly R=1', weight: 1 },
  { text: 'R=2', weight: 1 },
  { text: 'eval V=7', weight: 1 },
  { text: 'echo V=5 > s.sh && . ./s.sh', weight: 1 },
  { text: `V=3 sh -c 'echo "$V" > vp'`, weight: 1 },
  { text: 'export -p > exp', weight: 1 },
  // shell options and positional parameters
  { text: 'set -e', weight: 3 },
  { text: 'set -eu', weight: 2 },
  { text: 'set +e', weight: 1 },
  { text: 'set -u', weight: 1 },
  { text: 'echo "$U" > uout', weight: 1 },
  { text: '( echo "$U" > su )', weight: 1 },
  { text: 'echo "$U" | cat > upipe', weight: 1 },
  { text: 'set -- a b', weight: 1 },
  { text: 'echo "$#" > argc', weight: 1 },
  { text: 'command set -u', weight: 1 },
  { text: 'set -o errexit', weight: 1 },
  { text: 'set -ex', weight: 1 },
  { text: 'echo "$-" > flags', weight: 1 },
  { text: 'echo "$(false; echo hi)" > cs', weight: 1 },
  // failing and exit-status commands
  { text: 'false', weight: 2 },
  { text: 'test -f missing', weight: 1 },
  { text: 'exit 3', weight: 1 },
  { text: '(exit 1)', weight: 1 },
  { text: 'exit 0', weight: 1 },
  { text: 'true', weight: 1 },
  { text: '! true', weight: 1 },
  { text: 'false | true', weight: 1 },
  { text: 'true | false', weight: 1 },
  { text: 'echo $? > qout', weight: 1 },
  // fallbacks
  { text: 'false || echo rescued > r', weight: 2 },
  { text: 'test -f f1 || echo nof1 > r2', weight: 1 },
  { text: '( exit 2 ) || echo caught > ec', weight: 1 },
  // subshells and brace groups
  { text: '( mkdir -p s && cd s && echo in > x )', weight: 1 },
  { text: '( export V=9; echo "$V" > sv )', weight: 1 },
  { text: '( set -e; false; echo after > sa )', weight: 1, nestedErrexit: true },
  { text: '{ echo a > b; }', weight: 2 },
  { text: '{ false; echo g > gb; }', weight: 1 },
  // file creation mask
  { text: 'umask 077', weight: 2 },
  { text: 'umask 027', weight: 1 },
  { text: 'echo m > mfile', weight: 1 },
  { text: 'mkdir -p md', weight: 1 },
  { text: 'umask > um', weight: 1 },
  // functions
  { text: 'f() { echo in > fn; }; f', weight: 2 },
  { text: 'f', weight: 1 },
  { text: 'g() { false; echo gin > gn; }', weight: 1 },
  { text: 'g', weight: 1 },
  // loops and conditionals
  { text: 'for i in 1 2; do echo $i >> loop; done', weight: 2 },
  { text: 'echo "$i" > iout', weight: 1 },
  { text: 'for i in a b; do test -f $i || echo miss$i >> lm; done', weight: 1 },
  { text: 'if test -f f1; then echo yes > iff; else echo no > iff; fi', weight: 1 },
  { text: 'if true; then false; echo cont > ic; fi', weight: 1 },
  { text: 'while false; do :; done', weight: 1 },
  // traps and exec
  { text: 'trap "echo t > tf" EXIT', weight: 1 },
  { text: 'exec true', weight: 1 },
];

const COMMENTS = [' # note', ' # note && echo swallowed > nope', ' #note; cd /'];

/** One RUN body: fragments joined by separators, an optional trailing comment, optional physical decorations. */
interface Body {
  items: Fragment[];
  /** The separator after each item but the last: `&&`, `;` or `||`. */
  seps: string[];
  comment: string | null;
  /** Break the physical line with a `\` continuation after this separator (index into seps), or null. */
  breakAt: number | null;
  /** Put a comment line inside that continuation (BuildKit drops it). */
  innerComment: boolean;
}

/** One generated case: the RUN bodies, what stands between the RUNs, and how the file is written. */
interface Case {
  bodies: Body[];
  /** Before each RUN after the first: nothing, a comment line, a blank line, or both. */
  between: Array<'none' | 'comment' | 'blank' | 'both'>;
  /** How the file is written: line ending, escape character (the `# escape=` directive), keyword case, indentation. */
  style: { eol: '\n' | '\r\n'; escape: '\\' | '`'; keyword: string; indent: string };
  /** The shell the RUNs run under: plain `-c`, errexit from `SHELL` flags, or errexit from `ENV SHELLOPTS` (bash). */
  shell: 'plain' | 'flags' | 'shellopts';
}

/** How each kind of case starts its shell, in the Dockerfile and in the sandbox. */
const SHELL_SETUPS: Record<
  Case['shell'],
  { lines: string; options: string[]; env: Record<string, string>; bashOnly: boolean }
> = {
  plain: { lines: '', options: [], env: {}, bashOnly: false },
  flags: { lines: 'SHELL ["/bin/sh", "-ec"]\n', options: ['-e'], env: {}, bashOnly: false },
  shellopts: {
    lines: 'SHELL ["/bin/bash", "-c"]\nENV SHELLOPTS=errexit\n',
    options: [],
    env: { SHELLOPTS: 'errexit' },
    bashOnly: true,
  },
};

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOTAL_WEIGHT = FRAGMENTS.reduce((sum, f) => sum + f.weight, 0);

function pickFragment(random: () => number): Fragment {
  let r = random() * TOTAL_WEIGHT;
  for (const fragment of FRAGMENTS) {
    r -= fragment.weight;
    if (r < 0) return fragment;
  }
  return FRAGMENTS[FRAGMENTS.length - 1];
}

function pick<T>(random: () => number, choices: T[]): T {
  return choices[Math.floor(random() * choices.length)];
}

const SET_E = FRAGMENTS.find((f) => f.text === 'set -e')!;
const SET_U = FRAGMENTS.find((f) => f.text === 'set -u')!;

/** Generates case number `index` (each case has its own seed, so a case can be regenerated on its own). */
function generateCase(index: number): Case {
  const random = prng(SEED + index * 0x9e3779b1);
  const count = 2 + Math.floor(random() * 3);
  // Some cases start most RUNs the docker-library way (`set -e; ...`, `set -u; ...`).
  const leadRoll = random();
  const leadSet = leadRoll < 0.15 ? SET_E : leadRoll < 0.25 ? SET_U : null;
  let up = 0;
  const bodies: Body[] = [];
  for (let b = 0; b < count; b++) {
    const lead = leadSet && random() < 0.75 ? leadSet : null;
    const size = pick(random, [1, 1, 1, 2, 2, 2, 2, 3, 3, 3]);
    const items: Fragment[] = lead ? [lead] : [];
    while (items.length < size + (lead ? 1 : 0)) {
      const fragment = pickFragment(random);
      if (up + (fragment.up ?? 0) >= START_DEPTH) continue;
      up += fragment.up ?? 0;
      items.push(fragment);
    }
    const seps = items
      .slice(1)
      .map((_, i) => (lead && i === 0 ? ';' : pick(random, ['&&', '&&', '&&', '&&', '&&', ';', ';', ';', '||', '||'])));
    const comment = random() < 0.15 ? pick(random, COMMENTS) : null;
    const breakAt = seps.length > 0 && random() < 0.2 ? Math.floor(random() * seps.length) : null;
    bodies.push({ items, seps, comment, breakAt, innerComment: breakAt !== null && random() < 0.4 });
  }
  const between = bodies.slice(1).map(() => {
    const r = random();
    return r < 0.2 ? 'comment' : r < 0.25 ? 'blank' : r < 0.3 ? 'both' : 'none';
  }) as Case['between'];
  const style: Case['style'] = {
    eol: random() < 0.1 ? '\r\n' : '\n',
    escape: random() < 0.1 ? '`' : '\\',
    keyword: pick(random, ['RUN', 'RUN', 'RUN', 'RUN', 'RUN', 'RUN', 'RUN', 'RUN', 'run', 'Run']),
    indent: random() < 0.2 ? '\t' : '    ',
  };
  const roll = random();
  return { bodies, between, style, shell: roll < 0.15 ? 'flags' : roll < 0.25 ? 'shellopts' : 'plain' };
}

/** The body as written in the Dockerfile (with its physical decorations), lines ending in `\n`. */
function physicalBody(body: Body, style: Case['style']): string {
  let text = body.items[0].text;
  body.seps.forEach((sep, i) => {
    const joint = sep === ';' ? '; ' : ` ${sep} `;
    const comment = body.innerComment ? `${style.indent}# inside the continuation\n` : '';
    text += body.breakAt === i ? `${joint.trimEnd()} ${style.escape}\n${comment}${style.indent}` : joint;
    text += body.items[i + 1].text;
  });
  return text + (body.comment ?? '');
}

/** The Dockerfile of a case. */
function dockerfile(c: Case): string {
  let text = c.style.escape === '`' ? '# escape=`\n' : '';
  text += 'FROM scratch\n';
  text += SHELL_SETUPS[c.shell].lines;
  c.bodies.forEach((body, i) => {
    const between = i === 0 ? 'none' : c.between[i - 1];
    if (between === 'blank' || between === 'both') text += '\n';
    if (between === 'comment' || between === 'both') text += `# step ${i + 1}\n`;
    text += `${c.style.keyword} ${physicalBody(body, c.style)}\n`;
  });
  return c.style.eol === '\n' ? text : text.replace(/\n/g, c.style.eol);
}

/**
 * The merge-runs bugs this test found and that are not fixed yet. Each generated case is asserted by exactly one
 * test: the test of the first known bug whose features it uses, or the main test when it uses none. The known-bug
 * tests fail until the bug is fixed; then remove its entry here (its cases go back to the main test).
 */
const KNOWN_BUGS: Array<{ id: string; title: string; applies: (c: Case) => boolean }> = [];

/** The test that asserts a case: a known bug's id, or `main`. */
function partitionOf(c: Case): string {
  return KNOWN_BUGS.find((bug) => bug.applies(c))?.id ?? 'main';
}

// ---------------------------------------------------------------------------------------------------------------
// Transform and execute

/** The RUN command strings of a Dockerfile, exactly as BuildKit hands them to `sh -c`. */
function runCommands(text: string): string[] {
  return instructions(parse(text))
    .filter((view) => view.name === 'run')
    .map((view) => {
      if (view.form !== 'shell') throw new Error(`Expected only shell-form RUNs, got ${view.args}`);
      return view.args;
    });
}

interface Analysis {
  index: number;
  c: Case;
  text: string;
  original: string[];
  /** Per mode: the transformed text, its RUNs, the transform's status and its first fatal message. */
  out: Record<Mode, { text: string; runs: string[]; status: string; reason?: string }>;
}

async function analyse(c: Case, index: number): Promise<Analysis> {
  const text = dockerfile(c);
  const original = runCommands(text);
  const out = {} as Analysis['out'];
  for (const mode of MODES) {
    const result = await transform(text, {
      only: ['merge-runs'],
      transforms: { 'merge-runs': { isolateState: mode === 'isolateState' } },
    });
    const reason = result.messages.find((m) => m.fatal)?.reason;
    out[mode] = {
      text: result.text,
      runs: runCommands(result.text),
      status: result.status,
      ...(reason ? { reason } : {}),
    };
  }
  return { index, c, text, original, out };
}

/** A difference between the separate and the merged RUNs. */
interface Discrepancy {
  index: number;
  shell: string;
  mode: Mode;
  input: string;
  output: string;
  expected: SandboxOutcome;
  actual: SandboxOutcome;
}

function sameOutcome(a: SandboxOutcome, b: SandboxOutcome): boolean {
  return (a.status === 0) === (b.status === 0) && a.files.join('\n') === b.files.join('\n');
}

/** The jobs of one case: the original RUNs, and each distinct changed output once. */
function jobsOf(a: Analysis, prefix = `c${a.index}`): { jobs: SandboxJob[]; jobFor: Record<Mode, string> } {
  const { options, env } = SHELL_SETUPS[a.c.shell];
  const jobs: SandboxJob[] = [{ id: `${prefix}o`, bodies: a.original, shellOptions: options, env }];
  const jobFor = {} as Record<Mode, string>;
  for (const mode of MODES) {
    const runs = a.out[mode].runs;
    const same = jobs.find(
      (job) => job.bodies.length === runs.length && job.bodies.every((body, i) => body === runs[i]),
    );
    if (same) jobFor[mode] = same.id;
    else {
      jobs.push({ id: `${prefix}${mode === 'default' ? 'm' : 'i'}`, bodies: runs, shellOptions: options, env });
      jobFor[mode] = jobs[jobs.length - 1].id;
    }
  }
  return { jobs, jobFor };
}

function compare(
  a: Analysis,
  shell: SandboxShell,
  outcomes: Map<string, SandboxOutcome>,
  jobFor: Record<Mode, string>,
  prefix = `c${a.index}`,
): Discrepancy[] {
  const found: Discrepancy[] = [];
  const expected = outcomes.get(`${prefix}o`)!;
  for (const mode of MODES) {
    const actual = outcomes.get(jobFor[mode])!;
    if (!sameOutcome(expected, actual)) {
      found.push({
        index: a.index,
        shell: shell.name,
        mode,
        input: a.text,
        output: a.out[mode].text,
        expected,
        actual,
      });
    }
  }
  return found;
}

/** Runs at most `limit` async tasks at a time. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = Array.from({ length: tasks.length });
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

interface ShellStats {
  shell: string;
  discrepancies: Discrepancy[];
  failedBuilds: number;
  /** Cases where both failed, but with a different exit status (reported, not a discrepancy: the build fails either way). */
  statusDiffers: number[];
}

interface Report {
  analyses: Analysis[];
  shells: ShellStats[];
  merged: Record<Mode, number>;
  ms: number;
  /** Of which generating and transforming took (overlapping the shells' work). */
  transformMs: number;
}

let report: Promise<Report> | undefined;

/**
 * Generates, transforms and executes every case once; the tests below read the result. Batches are transformed while
 * the drivers of earlier batches run, so Node's work overlaps the shells'.
 */
function differential(): Promise<Report> {
  report ??= (async () => {
    const started = Date.now();
    let transformMs = 0;
    const batches: Array<Promise<Analysis[]>> = [];
    const analysed = (b: number): Promise<Analysis[]> =>
      (batches[b] ??= (async () => {
        const from = Date.now();
        const out: Analysis[] = [];
        for (let i = b * BATCH; i < Math.min(CASES, (b + 1) * BATCH); i++) out.push(await analyse(generateCase(i), i));
        transformMs += Date.now() - from;
        return out;
      })());
    const sandbox = new Sandbox('layerfix-merge-diff-');
    try {
      const shells = availableShells();
      const stats = shells.map((shell): ShellStats => ({
        shell: shell.name,
        discrepancies: [],
        failedBuilds: 0,
        statusDiffers: [],
      }));
      const tasks: Array<() => Promise<void>> = [];
      for (let b = 0; b * BATCH < CASES; b++) {
        shells.forEach((shell, s) => {
          tasks.push(async () => {
            // SHELLOPTS is bash's: a case that sets it runs only under bash.
            const runsHere = (a: Analysis) =>
              !SHELL_SETUPS[a.c.shell].bashOnly || shell.name === 'bash' || shell.name.includes('bash');
            const plans = (await analysed(b)).filter(runsHere).map((a) => ({ a, ...jobsOf(a) }));
            const outcomes = await sandbox.run(
              shell,
              plans.flatMap((plan) => plan.jobs),
              60_000,
            );
            const stat = stats[s];
            for (const { a, jobFor } of plans) {
              const original = outcomes.get(`c${a.index}o`)!;
              if (original.status !== 0) stat.failedBuilds++;
              const statuses = MODES.map((mode) => outcomes.get(jobFor[mode])!.status);
              if (original.status !== 0 && statuses.some((status) => status !== 0 && status !== original.status))
                stat.statusDiffers.push(a.index);
              stat.discrepancies.push(...compare(a, shell, outcomes, jobFor));
            }
          });
        });
      }
      // Two drivers at a time (two cores), and a third task transforming the next batch meanwhile.
      await pool(tasks, 3);
      const analyses = (await Promise.all(batches)).flat();
      const merged = { default: 0, isolateState: 0 };
      for (const a of analyses)
        for (const mode of MODES) if (a.out[mode].runs.length < a.original.length) merged[mode]++;
      for (const stat of stats) stat.discrepancies.sort((x, y) => x.index - y.index || x.mode.localeCompare(y.mode));
      return { analyses, shells: stats, merged, ms: Date.now() - started, transformMs };
    } finally {
      sandbox.dispose();
    }
  })();
  return report;
}

/** Runs one case (Dockerfile text) with one shell and both modes; the discrepancies found. */
async function checkOne(c: Case, shell: SandboxShell, sandbox: Sandbox): Promise<Discrepancy[]> {
  const a = await analyse(c, -1);
  const { jobs, jobFor } = jobsOf(a, 'x');
  const outcomes = await sandbox.run(shell, jobs, 10_000);
  return compare(a, shell, outcomes, jobFor, 'x');
}

/** Greedily shrinks a case while it still shows a discrepancy in `mode` with `shell`. */
async function shrink(c: Case, shell: SandboxShell, mode: Mode): Promise<Discrepancy> {
  const sandbox = new Sandbox('layerfix-merge-shrink-');
  try {
    const fails = async (candidate: Case) => (await checkOne(candidate, shell, sandbox)).find((d) => d.mode === mode);
    let best = c;
    let found = (await fails(best))!;
    let budget = 300;
    for (let progress = true; progress && budget > 0;) {
      progress = false;
      for (const candidate of smaller(best)) {
        if (--budget <= 0) break;
        const d = await fails(candidate);
        if (d) {
          best = candidate;
          found = d;
          progress = true;
          break;
        }
      }
    }
    return found;
  } finally {
    sandbox.dispose();
  }
}

/** Candidate simplifications of a case, simplest first. */
function* smaller(c: Case): Generator<Case> {
  const plainBody = (body: Body): Body => ({ ...body, comment: null, breakAt: null, innerComment: false });
  const plainStyle: Case['style'] = { eol: '\n', escape: '\\', keyword: 'RUN', indent: '    ' };
  if (JSON.stringify(c.style) !== JSON.stringify(plainStyle)) yield { ...c, style: plainStyle };
  if (c.between.some((b) => b !== 'none')) yield { ...c, between: c.between.map(() => 'none') };
  for (let i = 0; i < c.bodies.length; i++) {
    const body = c.bodies[i];
    if (body.comment || body.breakAt !== null)
      yield { ...c, bodies: c.bodies.map((b, j) => (j === i ? plainBody(b) : b)) };
  }
  if (c.bodies.length > 2) {
    for (let i = 0; i < c.bodies.length; i++) {
      yield {
        ...c,
        bodies: c.bodies.filter((_, j) => j !== i),
        between: c.between.filter((_, j) => j !== Math.max(0, i - 1)),
      };
    }
  }
  for (let i = 0; i < c.bodies.length; i++) {
    const body = c.bodies[i];
    if (body.items.length < 2) continue;
    for (let k = 0; k < body.items.length; k++) {
      const items = body.items.filter((_, j) => j !== k);
      const seps = body.seps.filter((_, j) => j !== Math.max(0, k - 1));
      const next: Body = { ...body, items, seps, breakAt: null, innerComment: false };
      yield { ...c, bodies: c.bodies.map((b, j) => (j === i ? next : b)) };
    }
  }
  for (let i = 0; i < c.bodies.length; i++) {
    const body = c.bodies[i];
    for (let k = 0; k < body.seps.length; k++) {
      if (body.seps[k] === '&&') continue;
      const seps = body.seps.map((s, j) => (j === k ? '&&' : s));
      yield { ...c, bodies: c.bodies.map((b, j) => (j === i ? { ...body, seps } : b)) };
    }
  }
}

function describeOutcome(o: SandboxOutcome): string {
  const start = Array.from({ length: START_DEPTH }, (_, i) => `w${i + 1}`).join('/');
  const files = o.files
    .filter((line) => !/^d w\d(\/w\d)* \d+$/.test(line))
    .map((line) => line.replace(`${line[0]} ${start}/`, `${line[0]} `));
  return `${o.status === 0 ? 'succeeds' : `fails with status ${o.status} at RUN ${o.ran}`}; files: ${files.join(' | ') || '(none)'}`;
}

function describe(d: Discrepancy, label: string): string {
  return [
    `${label}, ${d.shell}, merge-runs ${d.mode === 'default' ? 'with default options' : 'with isolateState: true'}`,
    'input:',
    indent(d.input),
    'merge-runs wrote:',
    indent(d.output),
    `separate RUNs: ${describeOutcome(d.expected)}`,
    `merged RUNs:   ${describeOutcome(d.actual)}`,
  ].join('\n');
}

function indent(text: string): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

/** What merge-runs itself got wrong on a partition's cases, before anything ran: guard failures, RUNs added. */
function transformProblems(r: Report, partition: string): string[] {
  const problems: string[] = [];
  for (const a of r.analyses) {
    if (partitionOf(a.c) !== partition) continue;
    for (const mode of MODES) {
      const out = a.out[mode];
      if (out.status === 'error')
        problems.push(`case ${a.index} (${mode}): merge-runs failed (${out.reason}) on\n${indent(a.text)}`);
      if (out.runs.length > a.original.length)
        problems.push(
          `case ${a.index} (${mode}): merge-runs added RUNs:\n${indent(a.text)}\nbecame\n${indent(out.text)}`,
        );
    }
  }
  return problems;
}

function discrepanciesIn(r: Report, partition: string): Discrepancy[] {
  return r.shells.flatMap((s) => s.discrepancies.filter((d) => partitionOf(r.analyses[d.index].c) === partition));
}

function summary(r: Report, partition: string): string {
  const cases = r.analyses.filter((a) => partitionOf(a.c) === partition);
  const merged = MODES.map((mode) => {
    const n = cases.filter((a) => a.out[mode].runs.length < a.original.length).length;
    return `${mode} merged ${n} (${pct(n, cases.length)})`;
  });
  const shells = r.shells.map((s) => {
    const d = s.discrepancies.filter((x) => partitionOf(r.analyses[x.index].c) === partition);
    const byMode = MODES.map((mode) => `${mode} ${d.filter((x) => x.mode === mode).length}`).join(', ');
    const status = s.statusDiffers.filter((index) => partitionOf(r.analyses[index].c) === partition).length;
    return `${s.shell}: ${d.length} discrepancies (${byMode}), ${status} failing both ways with another exit status`;
  });
  return `${cases.length} cases; ${merged.join(', ')}; ${shells.join('; ')}`;
}

function pct(n: number, of: number): string {
  return `${of ? ((100 * n) / of).toFixed(1) : '0.0'}%`;
}

async function firstDiscrepancies(r: Report, partition: string): Promise<string> {
  const shells = availableShells();
  const parts: string[] = [];
  for (const stat of r.shells) {
    for (const mode of MODES) {
      const first = stat.discrepancies.find((d) => d.mode === mode && partitionOf(r.analyses[d.index].c) === partition);
      if (!first) continue;
      const shell = shells.find((s) => s.name === stat.shell)!;
      const shrunk = await shrink(r.analyses[first.index].c, shell, mode);
      parts.push(describe(shrunk, `generated case ${first.index}, shrunk`));
    }
  }
  return parts.join('\n\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Tests

test('the sandbox sees what a wrong merge would change (a check that the differential test can fail)', async () => {
  const sandbox = new Sandbox('layerfix-merge-self-');
  try {
    for (const shell of availableShells()) {
      const out = await sandbox.run(shell, [
        { id: 'cdSeparate', bodies: ['mkdir -p d && cd d', 'pwd > p'] },
        { id: 'cdJoined', bodies: ['mkdir -p d && cd d && pwd > p'] },
        { id: 'failSeparate', bodies: ['false; echo a > a', 'echo b > b'] },
        { id: 'failJoined', bodies: ['false; echo a > a && echo b > b'] },
        { id: 'stopSeparate', bodies: ['echo a > a', 'false', 'echo c > c'] },
        { id: 'stopJoined', bodies: ['echo a > a; false; echo c > c'] },
        { id: 'umaskSeparate', bodies: ['umask 077', 'echo m > m'] },
        { id: 'umaskJoined', bodies: ['umask 077 && echo m > m'] },
      ]);
      const get = (id: string) => out.get(id)!;
      assert.not.ok(sameOutcome(get('cdSeparate'), get('cdJoined')), `${shell.name}: a leaked cd must show`);
      assert.ok(
        sameOutcome(get('failSeparate'), get('failJoined')),
        `${shell.name}: the same commands must compare equal`,
      );
      assert.not.ok(
        sameOutcome(get('stopSeparate'), get('stopJoined')),
        `${shell.name}: running on after a failure must show`,
      );
      assert.not.ok(
        sameOutcome(get('umaskSeparate'), get('umaskJoined')),
        `${shell.name}: a leaked umask must show in the modes`,
      );
      assert.is(get('stopSeparate').status, 1);
      assert.is(get('stopSeparate').ran, 2);
    }
  } finally {
    sandbox.dispose();
  }
});

test(`merge-runs differential: merged RUNs build what the separate RUNs built (${CASES} generated cases, every shell, both modes; known-bug cases excepted)`, async () => {
  const r = await differential();
  const shells = r.shells.map((s) => s.shell).join(' and ');
  console.log(
    `  merge-differential: ${r.analyses.length} cases (seed ${SEED}) run with ${shells} in ${(r.ms / 1000).toFixed(1)} s (transforms ${(r.transformMs / 1000).toFixed(1)} s); ` +
      `merged: default ${r.merged.default} (${pct(r.merged.default, r.analyses.length)}), isolateState ${r.merged.isolateState} (${pct(r.merged.isolateState, r.analyses.length)}); ` +
      r.shells.map((s) => `${s.shell}: ${s.failedBuilds} original builds fail`).join('; '),
  );
  for (const id of ['main', ...KNOWN_BUGS.map((bug) => bug.id)]) console.log(`  ${id}: ${summary(r, id)}`);
  const problems = transformProblems(r, 'main');
  if (problems.length)
    assert.unreachable(
      `merge-runs failed or added RUNs in ${problems.length} cases:\n${problems.slice(0, 5).join('\n\n')}`,
    );
  const cases = r.analyses.filter((a) => partitionOf(a.c) === 'main');
  assert.ok(cases.length >= r.analyses.length * 0.3, `the main partition holds too few cases (${cases.length})`);
  for (const mode of MODES) {
    const merged = cases.filter((a) => a.out[mode].runs.length < a.original.length).length;
    assert.ok(
      merged > cases.length * 0.3,
      `${mode}: only ${merged} of ${cases.length} cases merged anything; the test would prove little`,
    );
  }
  const count = discrepanciesIn(r, 'main').length;
  if (count > 0)
    assert.unreachable(
      `${count} discrepancies; the first for each shell and mode, shrunk:\n\n${await firstDiscrepancies(r, 'main')}`,
    );
});

for (const bug of KNOWN_BUGS) {
  test(`KNOWN BUG [${bug.id}] (fails until fixed): ${bug.title}; the generated cases that use it build the same merged`, async () => {
    const r = await differential();
    const cases = r.analyses.filter((a) => partitionOf(a.c) === bug.id);
    assert.ok(cases.length > 0, 'the generator made no cases for this known bug');
    const problems = transformProblems(r, bug.id);
    const count = discrepanciesIn(r, bug.id).length;
    if (problems.length || count) {
      const parts = [`${count} discrepancies in ${summary(r, bug.id)}`];
      if (problems.length)
        parts.push(
          `merge-runs failed or added RUNs in ${problems.length} cases; the first:\n${problems.slice(0, 3).join('\n\n')}`,
        );
      if (count)
        parts.push(`the first discrepancy for each shell and mode, shrunk:\n\n${await firstDiscrepancies(r, bug.id)}`);
      assert.unreachable(parts.join('\n\n'));
    }
  });
}

/** Runs a literal Dockerfile through merge-runs in `mode`, then both ways with every shell; fails with a description on a difference. */
async function assertSameBuild(input: string, mode: Mode, kind: Case['shell'] = 'plain'): Promise<void> {
  const { options, env, bashOnly } = SHELL_SETUPS[kind];
  const result = await transform(input, {
    only: ['merge-runs'],
    transforms: { 'merge-runs': { isolateState: mode === 'isolateState' } },
  });
  assert.is.not(result.status, 'error', `merge-runs failed: ${result.messages.find((m) => m.fatal)?.reason}`);
  const original = runCommands(input);
  const merged = runCommands(result.text);
  const sandbox = new Sandbox('layerfix-merge-repro-');
  try {
    const problems: string[] = [];
    for (const shell of availableShells().filter((candidate) => !bashOnly || candidate.name.includes('bash'))) {
      const out = await sandbox.run(shell, [
        { id: 'o', bodies: original, shellOptions: options, env },
        { id: 'm', bodies: merged, shellOptions: options, env },
      ]);
      const expected = out.get('o')!;
      const actual = out.get('m')!;
      if (!sameOutcome(expected, actual)) {
        problems.push(
          describe(
            { index: -1, shell: shell.name, mode, input, output: result.text, expected, actual },
            'reproduction',
          ),
        );
      }
    }
    if (problems.length) assert.unreachable(problems.join('\n\n'));
  } finally {
    sandbox.dispose();
  }
}

/**
 * Minimal reproductions of the bugs this test found. Each must build the same after merge-runs, whether it merges
 * the RUNs or leaves them alone. `known: true` marks those that still fail (named KNOWN BUG); set it to false, or
 * drop the flag, once the bug is fixed: the case then stays as a regression test.
 */
const REPRODUCTIONS: Array<{
  bug: string;
  title: string;
  input: string;
  mode: Mode;
  known?: boolean;
  shell?: Case['shell'];
}> = [
  {
    bug: 'shell-errexit',
    title:
      'under `SHELL ["/bin/sh", "-ec"]`, a RUN grouped into the middle of a chain (`a && { false; b; } && c`) no longer stops at its failure',
    input: 'FROM scratch\nSHELL ["/bin/sh", "-ec"]\nRUN touch a\nRUN false; touch b\nRUN touch c\n',
    mode: 'default',
    shell: 'flags',
  },
  {
    bug: 'shell-errexit',
    title: 'under `SHELL ["/bin/sh", "-ec"]`, isolateState wraps a RUN in `( ... ) &&`, where errexit is ignored',
    input: 'FROM scratch\nSHELL ["/bin/sh", "-ec"]\nRUN cd /tmp && false; touch after\nRUN touch ready\n',
    mode: 'isolateState',
    shell: 'flags',
  },
  {
    bug: 'shell-errexit',
    title: 'under `ENV SHELLOPTS=errexit` (bash), a chain grouped in the middle no longer stops at its failure',
    input:
      'FROM scratch\nSHELL ["/bin/bash", "-c"]\nENV SHELLOPTS=errexit\nRUN touch a\nRUN test -s missing; touch b\nRUN touch c\n',
    mode: 'default',
    shell: 'shellopts',
  },
  {
    bug: 'errexit',
    title: 'a `( set -e; ... )` subshell that ends a RUN no longer stops at its failure once `&& next` follows it',
    input: 'FROM scratch\nRUN ( set -e; false; echo a > a )\nRUN echo b > b\n',
    mode: 'default',
  },
  {
    bug: 'errexit',
    title: 'isolateState disables a `set -e` nested in a subshell of the RUN it wraps in `( ... ) &&`',
    input: 'FROM scratch\nRUN ( set -e; false; echo a > a ); export V=1\nRUN echo b > b\n',
    mode: 'isolateState',
  },
  {
    bug: 'escaped-semicolon',
    title:
      'the `\\;` that ends `find ... -exec rm {} \\;` is cut as if it were a trailing `;`, so find loses its terminator',
    input: 'FROM scratch\nRUN touch x && find . -name x -exec rm {} \\;\nRUN echo b > b\n',
    mode: 'default',
  },
  {
    bug: 'escaped-semicolon',
    title:
      'merging before a RUN that ends in `\\;` prints a trailing `\\`, a line continuation that swallows the next line',
    input: 'FROM scratch\nRUN echo a > a\nRUN touch x && find . -name x -exec rm {} \\;\nENV K=v\n',
    mode: 'default',
  },
  {
    bug: 'chain-lead',
    title:
      'a chain merged in an earlier pass is taken to start with the `set` of its last RUN, so `set -u` is merged ahead of a pipeline that never ran under it',
    input: 'FROM scratch\nRUN set -u\nRUN echo "$V" | cat > vout\nRUN set -u\n',
    mode: 'default',
  },
  {
    bug: 'chain-lead',
    title:
      'the chain `( RUN ) && set -eu` made by isolateState is taken to start with `set -eu`, so the `set -eu` before it is merged ahead of the subshell',
    input: 'FROM scratch\nRUN set -eu\nRUN echo "$V" > vout && V=2\nRUN set -eu\n',
    mode: 'isolateState',
  },
  {
    bug: 'errexit',
    title: 'a grouped `{ set -e; ...; }` body followed by another merged RUN keeps errexit',
    input: 'FROM scratch\nRUN set -e; echo a > a\nRUN set -e; false; echo b > b\nRUN set -e; echo c > c\n',
    mode: 'default',
  },
  {
    bug: 'errexit',
    title: 'the `if` body of a `set -e` RUN merged before the next `set -e` RUN keeps errexit',
    input: 'FROM scratch\nRUN set -e; if true; then false; echo a > a; fi\nRUN set -e; echo b > b\n',
    mode: 'default',
  },
  {
    bug: 'errexit',
    title: 'isolateState does not wrap a `set -e` RUN in `( ... ) &&`, where errexit is ignored',
    input: 'FROM scratch\nRUN set -e; false; echo a > a\nRUN echo b > b\n',
    mode: 'isolateState',
  },
  {
    bug: 'command-set',
    title: '`command set -u` does not leak into the next RUN that starts with `set`',
    input: 'FROM scratch\nRUN command set -u\nRUN set -e; echo "$V" > v\n',
    mode: 'default',
  },
  {
    bug: 'chain-comment',
    title:
      'the trailing comment of a RUN merged earlier in the same pass is cut where it starts, not where the declared line puts it (which lost `> b`)',
    input: `FROM scratch\nRUN echo ${'x'.repeat(40)} > a\nRUN echo ${'x'.repeat(40)} > b # note\nRUN echo c > c\n`,
    mode: 'default',
  },
];

for (const repro of REPRODUCTIONS) {
  const name = `${repro.known ? 'KNOWN BUG' : 'reproduction'} [${repro.bug}]${repro.known ? ' (fails until fixed)' : ''}, ${repro.mode === 'default' ? 'default options' : 'isolateState'}: ${repro.title}`;
  test(name, () => assertSameBuild(repro.input, repro.mode, repro.shell));
}

test.run();
