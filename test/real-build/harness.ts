/**
 * Real builds with buildah: build a Dockerfile text with a context folder, snapshot the image, compare two images, and
 * `proveSame`: does a rewrite build the same image as the original here?
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD_TIMEOUT_MS, buildah, tail } from './buildah.js';
import { prepareDockerfile, type Prepared } from './prepare.js';
import { compareSnapshots, snapshotImage, type Snapshot } from './snapshot.js';

export interface BuildOptions {
  /** Where the Dockerfile is said to live; `<that>.dockerignore` is used as BuildKit would. */
  dockerfilePath?: string;
  timeoutMs?: number;
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
 * Build `text` (its base images mapped, see prepare.ts) with `contextDir` as the build context (an empty folder when
 * undefined). The Dockerfile is written outside the context, so `COPY .` never copies it.
 */
export async function buildImage(text: string, contextDir: string | undefined, options: BuildOptions = {}): Promise<BuildResult> {
  const prepared = prepareDockerfile(text);
  const work = mkdtempSync(join(process.env.LAYERFIX_BUILD_TMP ?? tmpdir(), 'layerfix-rb-'));
  try {
    const dockerfile = join(work, 'Dockerfile');
    writeFileSync(dockerfile, prepared.text);
    let context = contextDir;
    if (!context) {
      context = join(work, 'empty-context');
      mkdirSync(context);
    }
    const iidfile = join(work, 'iid');
    const args = ['bud', '--isolation', 'chroot', '--pull=never', '--format', 'docker', '--layers=false', '--force-rm', '--iidfile', iidfile, '-f', dockerfile];
    const ignore = options.dockerfilePath ? `${options.dockerfilePath}.dockerignore` : undefined;
    if (ignore && existsSync(ignore)) args.push('--ignorefile', ignore);
    args.push(context);
    const result = await buildah(args, options.timeoutMs ?? BUILD_TIMEOUT_MS);
    const image = result.ok && existsSync(iidfile) ? readFileSync(iidfile, 'utf8').trim() : undefined;
    let log = result.output;
    if (result.timedOut) log += `\n(stopped: the build took longer than ${Math.round((options.timeoutMs ?? BUILD_TIMEOUT_MS) / 1000)} s)`;
    return { ok: result.ok && Boolean(image), image, log, timedOut: result.timedOut, ms: result.ms, prepared };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Remove an image this harness built. */
export async function removeImage(image: string): Promise<void> {
  await buildah(['rmi', '--force', image]);
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
  const reason = message.slice(message.lastIndexOf('": ') + 3).split('\n')[0].trim();
  const ownLines = new Set(dockerfile.split(/\r?\n/).map((l) => l.trim()).filter(Boolean));
  const firstError = Math.min(...['error building at STEP', 'Error: building at STEP', 'subprocess exited with status'].map((m) => log.indexOf(m, log.lastIndexOf('\nSTEP ', at))).filter((i) => i >= 0), at);
  const before = log.slice(0, firstError).split('\n').map((l) => l.trim());
  let output = '';
  for (let i = before.length - 1; i >= 0; i--) {
    const line = before[i];
    if (/^STEP \d+\/\d+: /.test(line)) break;
    if (!line || /^time=/.test(line) || ownLines.has(line) || [...ownLines].some((own) => own.includes(line))) continue;
    output = line;
    break;
  }
  const normal = (s: string) => s.replace(/^\/bin\/(ba|da)?sh: (line )?\d+: /, '/bin/$1sh: ').trim();
  return output ? `${normal(reason)} (last output: ${normal(output)})` : normal(reason);
}

/** The verdict of `proveSame`. */
export type Proof =
  | { verdict: 'same'; notes: string[]; ms: number }
  | { verdict: 'different'; differences: string[]; notes: string[]; ms: number }
  | { verdict: 'outcome-differs'; failed: 'original' | 'rewritten'; reason: string; logTail: string; notes: string[]; ms: number }
  | { verdict: 'both-fail'; identical: boolean; why: { original: string; rewritten: string }; logTail: { original: string; rewritten: string }; notes: string[]; ms: number }
  | { verdict: 'not-buildable'; reason: string; notes: string[]; ms: number }
  | { verdict: 'error'; reason: string; notes: string[]; ms: number };

export interface ProveOptions extends BuildOptions {
  /** Build the two images at once (default: one after the other). */
  parallel?: boolean;
  /** Names of the two sides in messages. */
  names?: [string, string];
}

/**
 * Build `original` and `rewritten` with the same context and compare them: same image, different (with the
 * differences), build outcome differs (one fails: its log tail), both fail (why), or not buildable here (why).
 */
export async function proveSame(original: string, rewritten: string, contextDir: string | undefined, options: ProveOptions = {}): Promise<Proof> {
  const started = performance.now();
  const names = options.names ?? ['original', 'rewritten'];
  const ms = () => performance.now() - started;
  const pa = prepareDockerfile(original);
  const pb = prepareDockerfile(rewritten);
  const notes = [...new Set([...pa.mapped, ...pb.mapped])];
  const reasons = [...new Set([...pa.notBuildable.map((r) => `${names[0]}: ${r}`), ...pb.notBuildable.map((r) => `${names[1]}: ${r}`)])];
  if (reasons.length) return { verdict: 'not-buildable', reason: reasons.join('; '), notes, ms: ms() };

  const images: string[] = [];
  try {
    let a: BuildResult;
    let b: BuildResult;
    if (options.parallel) [a, b] = await Promise.all([buildImage(original, contextDir, options), buildImage(rewritten, contextDir, options)]);
    else {
      a = await buildImage(original, contextDir, options);
      b = await buildImage(rewritten, contextDir, options);
    }
    for (const r of [a, b]) if (r.image) images.push(r.image);
    notes.push(`builds: ${names[0]} ${(a.ms / 1000).toFixed(1)} s, ${names[1]} ${(b.ms / 1000).toFixed(1)} s`);
    const timedOut = [a, b].filter((r) => r.timedOut);
    if (timedOut.length) {
      return { verdict: 'error', reason: `${timedOut.length === 2 ? 'both builds' : a.timedOut ? `the ${names[0]} build` : `the ${names[1]} build`} timed out`, notes, ms: ms() };
    }
    if (!a.ok && !b.ok) {
      const why = { original: failureReason(a.log, a.prepared.text), rewritten: failureReason(b.log, b.prepared.text) };
      return { verdict: 'both-fail', identical: why.original === why.rewritten, why, logTail: { original: tail(a.log), rewritten: tail(b.log) }, notes, ms: ms() };
    }
    if (!a.ok || !b.ok) {
      const failed = a.ok ? b : a;
      return { verdict: 'outcome-differs', failed: a.ok ? 'rewritten' : 'original', reason: failureReason(failed.log, failed.prepared.text), logTail: tail(failed.log), notes, ms: ms() };
    }
    let sa: Snapshot;
    let sb: Snapshot;
    try {
      [sa, sb] = await Promise.all([snapshotImage(a.image!), snapshotImage(b.image!)]);
    } catch (error) {
      return { verdict: 'error', reason: `snapshot failed: ${(error as Error).message}`, notes, ms: ms() };
    }
    const differences = compareSnapshots(sa, sb, names);
    notes.push(`${sa.files.size} paths compared`);
    return differences.length ? { verdict: 'different', differences, notes, ms: ms() } : { verdict: 'same', notes, ms: ms() };
  } finally {
    for (const image of images) await removeImage(image);
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
    case 'error':
      return `harness error: ${proof.reason}`;
  }
}
