/**
 * Real builds with buildah: build a Dockerfile text with a context folder, snapshot the image, compare two images, and
 * `proveSame`: does a rewrite build the same image as the original here?
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD_TIMEOUT_MS, buildah, tail } from './buildah.js';
import { prepareDockerfile, type Prepared } from './prepare.js';
import { diffSnapshots, formatDifferences, snapshotImage, type Snapshot } from './snapshot.js';

export interface BuildOptions {
  /** Where the Dockerfile is said to live; `<that>.dockerignore` is used as BuildKit would. */
  dockerfilePath?: string;
  timeoutMs?: number;
  /** The stage to build (`--target`); the last one when undefined. */
  target?: string;
  /** Build arguments (`--build-arg NAME=VALUE`). */
  buildArgs?: Record<string, string>;
  /**
   * Layer cache: `auto` (default) caches the steps of Dockerfiles that install packages and mount nothing, so a step
   * two builds share (the prefix before a rewrite's first change, a hazard's common install) is built once per run;
   * `off` builds every step; `no-cache` builds every step and caches nothing.
   */
  cache?: 'auto' | 'off' | 'no-cache';
}

/** Whether `auto` caching applies: package installs (worth sharing) and no RUN --mount (its content is no cache key). */
export function worthCaching(dockerfile: string): boolean {
  return /\bapt(-get)?\s+(-\S+\s+)*install\b/.test(dockerfile) && !/--mount[=\s]/.test(dockerfile);
}

export interface BuildResult {
  ok: boolean;
  /** The image id when the build succeeded. */
  image?: string;
  /** buildah's output (stdout and stderr). */
  log: string;
  timedOut: boolean;
  ms: number;
  /** The text that was built and what was mapped. */
  prepared: Prepared;
}

/**
 * Build `text` (its base images mapped, see prepare.ts) with a copy of `contextDir` as the build context (an empty
 * folder when undefined). The Dockerfile is written outside the context, so `COPY .` never copies it.
 */
export async function buildImage(
  text: string,
  contextDir: string | undefined,
  options: BuildOptions = {},
): Promise<BuildResult> {
  const prepared = prepareDockerfile(text);
  const work = mkdtempSync(
    join(process.env.LAYERFIX_BUILD_TMP ?? (existsSync('/var/tmp') ? '/var/tmp' : tmpdir()), 'layerfix-rb-'),
  );
  try {
    const dockerfile = join(work, 'Dockerfile');
    writeFileSync(dockerfile, prepared.text);
    // A copy of the context: the build can never write to the case's files (buildah 1.28 writes a read-write bind
    // mount through to the folder), and every build starts from the same files.
    const context = join(work, 'context');
    if (contextDir) {
      cpSync(contextDir, context, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
      restoreDotGit(context);
    } else mkdirSync(context);
    const iidfile = join(work, 'iid');
    const cache = options.cache ?? 'auto';
    const layers =
      cache === 'auto' && worthCaching(prepared.text)
        ? ['--layers=true']
        : cache === 'no-cache'
          ? ['--layers=false', '--no-cache']
          : ['--layers=false'];
    const args = [
      'bud',
      '--isolation',
      'chroot',
      '--pull=never',
      '--format',
      'docker',
      ...layers,
      '--force-rm',
      '--iidfile',
      iidfile,
      '-f',
      dockerfile,
    ];
    if (options.target) args.push('--target', options.target);
    for (const [name, value] of Object.entries(options.buildArgs ?? {})) args.push('--build-arg', `${name}=${value}`);
    // BuildKit reads `<Dockerfile>.dockerignore` before the context's .dockerignore (buildah reads the latter itself).
    const ignore = options.dockerfilePath ? `${options.dockerfilePath}.dockerignore` : undefined;
    if (ignore && existsSync(ignore)) args.push('--ignorefile', ignore);
    args.push(context);
    // A temporary folder of its own: buildah keeps RUN --mount=type=cache folders there, which must not carry over
    // from one build to the next.
    const tmp = join(work, 'tmp');
    mkdirSync(tmp);
    const result = await buildah(args, options.timeoutMs ?? BUILD_TIMEOUT_MS, { TMPDIR: tmp });
    const image = result.ok && existsSync(iidfile) ? readFileSync(iidfile, 'utf8').trim() : undefined;
    let log = result.output;
    if (result.timedOut)
      log += `\n(stopped: the build took longer than ${Math.round((options.timeoutMs ?? BUILD_TIMEOUT_MS) / 1000)} s)`;
    return { ok: result.ok && Boolean(image), image, log, timedOut: result.timedOut, ms: result.ms, prepared };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Remove an image this harness built. Not done while other builds may run: with the layer cache, a finished build's
 * image can be the cached base of a step another build is taking right now (the suite removes its images at the end).
 */
export async function removeImage(image: string): Promise<void> {
  await buildah(['rmi', '--force', image]);
}

/** Fixture contexts keep a `.git` folder as `dot-git` (git cannot hold one): the build sees it under its real name. */
function restoreDotGit(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(dir, entry.name);
    if (entry.name === 'dot-git' && !existsSync(join(dir, '.git'))) renameSync(path, join(dir, '.git'));
    else restoreDotGit(path);
  }
}

/**
 * Why a failed build failed, in one line that does not depend on the step's number or text: buildah's reason (e.g.
 * `exit status 127`) and the last line the failing step printed. `dockerfile` (the text built) tells the step's own
 * text, which buildah echoes in its STEP header, apart from what the step printed.
 */
export function failureReason(log: string, dockerfile = ''): string {
  const at = log.lastIndexOf('building at STEP "');
  if (at < 0) return tail(log, 1);
  // The step text may span lines and hold quotes; the reason follows the last `": ` of the message.
  const message = log.slice(at);
  const reason = message
    .slice(message.lastIndexOf('": ') + 3)
    .split('\n')[0]
    .trim();
  const ownLines = new Set(
    dockerfile
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
  );
  const firstError = Math.min(
    ...['error building at STEP', 'Error: building at STEP', 'subprocess exited with status']
      .map((m) => log.indexOf(m, log.lastIndexOf('\nSTEP ', at)))
      .filter((i) => i >= 0),
    at,
  );
  const before = log
    .slice(0, firstError)
    .split('\n')
    .map((l) => l.trim());
  let output = '';
  for (let i = before.length - 1; i >= 0; i--) {
    const line = before[i];
    if (/^STEP \d+\/\d+: /.test(line)) break;
    if (!line || line.startsWith('time=') || ownLines.has(line) || [...ownLines].some((own) => own.includes(line)))
      continue;
    output = line;
    break;
  }
  // Shell line numbers and time stamps (npm names its logs by the time) differ between two texts of one failure.
  const normal = (s: string) =>
    s
      .replace(/^\/bin\/(ba|da)?sh: (line )?\d+: /, '/bin/$1sh: ')
      .replace(/\d{4}-\d{2}-\d{2}[T_ ]\d{2}[:_]\d{2}[:_]\d{2}([._]\d+)?Z?/g, '<time>')
      .trim();
  return output ? `${normal(reason)} (last output: ${normal(output)})` : normal(reason);
}

/** The verdict of `proveSame`. */
export type Proof =
  | { verdict: 'same'; notes: string[]; ms: number }
  | { verdict: 'different'; differences: string[]; notes: string[]; ms: number }
  | {
      verdict: 'outcome-differs';
      failed: 'original' | 'rewritten';
      reason: string;
      logTail: string;
      notes: string[];
      ms: number;
    }
  | {
      verdict: 'both-fail';
      identical: boolean;
      why: { original: string; rewritten: string };
      logTail: { original: string; rewritten: string };
      notes: string[];
      ms: number;
    }
  | { verdict: 'not-buildable'; reason: string; notes: string[]; ms: number }
  | { verdict: 'error'; reason: string; notes: string[]; ms: number }
  /** The first build (the input) passed the time limit: there is nothing to compare, which proves nothing. */
  | { verdict: 'original-timed-out'; reason: string; notes: string[]; ms: number };

export interface ProveOptions extends BuildOptions {
  /** Remove the images when done (default true); the suite turns it off and removes them after all builds. */
  removeImages?: boolean;
  /** Build the two images at once (default: one after the other). */
  parallel?: boolean;
  /** Names of the two sides in messages. */
  names?: [string, string];
}

/**
 * Build `original` and `rewritten` with the same context and compare them: same image, different (with the
 * differences), build outcome differs (one fails: its log tail), both fail (why), or not buildable here (why).
 */
export async function proveSame(
  original: string,
  rewritten: string,
  contextDir: string | undefined,
  options: ProveOptions = {},
): Promise<Proof> {
  const started = performance.now();
  const names = options.names ?? ['original', 'rewritten'];
  const ms = () => performance.now() - started;
  const pa = prepareDockerfile(original);
  const pb = prepareDockerfile(rewritten);
  const notes = [...new Set([...pa.mapped, ...pb.mapped])];
  // A reason both sides share is said once; one side's own reason names the side.
  const reasons = [
    ...new Set([
      ...pa.notBuildable.map((r) => (pb.notBuildable.includes(r) ? r : `${names[0]}: ${r}`)),
      ...pb.notBuildable.map((r) => (pa.notBuildable.includes(r) ? r : `${names[1]}: ${r}`)),
    ]),
  ];
  if (reasons.length) return { verdict: 'not-buildable', reason: reasons.join('; '), notes, ms: ms() };

  const images: string[] = [];
  try {
    let a: BuildResult;
    let b: BuildResult;
    if (options.parallel)
      [a, b] = await Promise.all([
        buildImage(original, contextDir, options),
        buildImage(rewritten, contextDir, options),
      ]);
    else {
      a = await buildImage(original, contextDir, options);
      b = await buildImage(rewritten, contextDir, options);
    }
    for (const r of [a, b]) if (r.image) images.push(r.image);
    notes.push(`builds: ${names[0]} ${(a.ms / 1000).toFixed(1)} s, ${names[1]} ${(b.ms / 1000).toFixed(1)} s`);
    if (a.timedOut) {
      // A slow mirror or a busy machine, not a difference: the rewrite alone timing out still fails (it may hang).
      return { verdict: 'original-timed-out', reason: `the ${names[0]} build timed out`, notes, ms: ms() };
    }
    if (b.timedOut && !a.ok) {
      // Neither makes an image: like two failures, this proves nothing either way.
      const why = { original: failureReason(a.log, a.prepared.text), rewritten: 'the build timed out' };
      return {
        verdict: 'both-fail',
        identical: false,
        why,
        logTail: { original: tail(a.log), rewritten: '' },
        notes,
        ms: ms(),
      };
    }
    const timedOut = [a, b].filter((r) => r.timedOut);
    if (timedOut.length) {
      return {
        verdict: 'error',
        reason: `${timedOut.length === 2 ? 'both builds' : a.timedOut ? `the ${names[0]} build` : `the ${names[1]} build`} timed out`,
        notes,
        ms: ms(),
      };
    }
    if (!a.ok && !b.ok) {
      const why = { original: failureReason(a.log, a.prepared.text), rewritten: failureReason(b.log, b.prepared.text) };
      return {
        verdict: 'both-fail',
        identical: why.original === why.rewritten,
        why,
        logTail: { original: tail(a.log), rewritten: tail(b.log) },
        notes,
        ms: ms(),
      };
    }
    if (!a.ok || !b.ok) {
      const failed = a.ok ? b : a;
      return {
        verdict: 'outcome-differs',
        failed: a.ok ? 'rewritten' : 'original',
        reason: failureReason(failed.log, failed.prepared.text),
        logTail: tail(failed.log),
        notes,
        ms: ms(),
      };
    }
    let sa: Snapshot;
    let sb: Snapshot;
    try {
      [sa, sb] = await Promise.all([snapshotImage(a.image!), snapshotImage(b.image!)]);
    } catch (error) {
      return { verdict: 'error', reason: `snapshot failed: ${(error as Error).message}`, notes, ms: ms() };
    }
    let differences = diffSnapshots(sa, sb, names);
    notes.push(`${sa.files.size} paths compared`);
    if (differences.length) {
      // Is it the rewrite, or does the original itself build differently each time (a random hostname written to a
      // file, a time stamp)? Build the original again with no cache: what differs there is not compared.
      const again = await buildImage(original, contextDir, { ...options, cache: 'no-cache' });
      if (again.image) images.push(again.image);
      if (again.ok) {
        const noisy = new Set(diffSnapshots(sa, await snapshotImage(again.image!), names).map((d) => d.key));
        const kept = differences.filter((d) => !noisy.has(d.key));
        if (kept.length < differences.length) {
          notes.push(
            `not compared, as two builds of the original differ there too: ${differences
              .filter((d) => noisy.has(d.key))
              .map((d) => d.key)
              .join(', ')}`,
          );
        }
        differences = kept;
      } else
        notes.push(
          `a second build of the original failed, so no difference could be set aside as nondeterministic: ${failureReason(again.log, again.prepared.text)}`,
        );
    }
    return differences.length
      ? { verdict: 'different', differences: formatDifferences(differences), notes, ms: ms() }
      : { verdict: 'same', notes, ms: ms() };
  } finally {
    if (options.removeImages !== false) for (const image of images) await removeImage(image);
  }
}

/** One line for a proof, for reports. */
export function describeProof(proof: Proof, names: [string, string] = ['original', 'rewritten']): string {
  switch (proof.verdict) {
    case 'same':
      return 'same image';
    case 'different':
      return `different image (${proof.differences.length} difference${proof.differences.length === 1 ? '' : 's'}): ${proof.differences[0]}${proof.differences.length > 1 ? `\n  ${proof.differences.slice(1).join('\n  ')}` : ''}`;
    case 'outcome-differs':
      return `build outcome differs: the ${proof.failed === 'original' ? names[0] : names[1]} build fails (${proof.reason}), the other succeeds\n  ${proof.logTail.split('\n').join('\n  ')}`;
    case 'both-fail':
      return proof.identical
        ? `both fail, identically: ${proof.why.original}`
        : `both fail, differently: ${names[0]}: ${proof.why.original}; ${names[1]}: ${proof.why.rewritten}`;
    case 'not-buildable':
      return `not buildable here: ${proof.reason}`;
    case 'original-timed-out':
      return `not proven: ${proof.reason}`;
    case 'error':
      return `harness error: ${proof.reason}`;
  }
}
