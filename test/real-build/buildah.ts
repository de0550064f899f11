/**
 * The real builder: buildah, called through execa (a time limit that ends the process, then kills it if it lingers,
 * and stdout and stderr interleaved in one log). Every call uses the same storage driver as the setup script, so the
 * base image it imported is found.
 */
import { execa } from 'execa';

/** The local Debian image every `FROM <image>` is mapped to (made by scripts/real-build/setup.sh). */
export const BASE_IMAGE = process.env.LAYERFIX_BASE_IMAGE ?? 'localhost/layerfix-base:bookworm';

/** The same with Node.js and npm (from Debian), which `FROM node...` is mapped to. */
export const NODE_BASE_IMAGE = process.env.LAYERFIX_NODE_IMAGE ?? 'localhost/layerfix-base-node:bookworm';

/** How long one `buildah bud` may take before it is stopped: $LAYERFIX_BUILD_TIMEOUT seconds, else 300. */
export const BUILD_TIMEOUT_MS = Number(process.env.LAYERFIX_BUILD_TIMEOUT ?? 300) * 1000;

const STORAGE = ['--storage-driver', 'overlay'];

export const SETUP_HINT =
  'Set up the real-build prerequisites as root with `bash scripts/real-build/setup.sh` (installs buildah and debootstrap, ' +
  `then builds and imports ${BASE_IMAGE} and ${NODE_BASE_IMAGE}), then run \`npm run test:build\` as root.`;

export interface RunResult {
  ok: boolean;
  exitCode: number | undefined;
  /** stdout and stderr as they came. */
  output: string;
  stdout: string;
  timedOut: boolean;
  ms: number;
}

/** Ends the builds in flight (`stopBuilds`), when the suite is stopped. */
const builds = new AbortController();

/** Stop every `buildah bud` this process started and is still waiting for. */
export function stopBuilds(): void {
  builds.abort();
}

/** Run `buildah <args>`; never throws for a failing command (see `ok`), only when buildah cannot be started. */
export async function buildah(
  args: string[],
  timeoutMs = 60_000,
  env: Record<string, string> = {},
): Promise<RunResult> {
  const started = performance.now();
  const result = await execa('buildah', [...STORAGE, ...args], {
    env,
    // Builds end when the suite is stopped; the calls that clean up after them must still run.
    ...(args[0] === 'bud' ? { cancelSignal: builds.signal } : {}),
    all: true,
    reject: false,
    stdin: 'ignore',
    timeout: timeoutMs,
    forceKillAfterDelay: 5_000,
    maxBuffer: 64 * 1024 * 1024,
    stripFinalNewline: true,
  });
  if (result.failed && result.exitCode === undefined && !result.timedOut && !result.isCanceled) {
    throw new Error(`buildah could not be run: ${result.message}\n${SETUP_HINT}`);
  }
  return {
    ok: !result.failed,
    exitCode: result.exitCode,
    output: String(result.all ?? ''),
    stdout: String(result.stdout ?? ''),
    timedOut: Boolean(result.timedOut),
    ms: performance.now() - started,
  };
}

/** Run buildah and return its stdout; throws with the output when it fails. */
export async function buildahOk(args: string[], timeoutMs = 60_000): Promise<string> {
  const result = await buildah(args, timeoutMs);
  if (!result.ok) {
    throw new Error(
      `buildah ${args.join(' ')} failed${result.timedOut ? ' (timed out)' : ` (exit ${result.exitCode})`}:\n${tail(result.output, 20)}`,
    );
  }
  return result.stdout;
}

/** The last `lines` lines of a log. */
export function tail(text: string, lines = 15): string {
  return text.replace(/\s+$/, '').split('\n').slice(-lines).join('\n');
}

/**
 * Why this machine cannot run real builds, or undefined when it can: root, buildah on the PATH and the base image
 * present. The suite fails loudly with this message; it never passes quietly.
 */
export async function whyNotReady(): Promise<string | undefined> {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    return `The real-build suite must run as root (buildah's chroot isolation needs it); this is uid ${process.getuid()}.\n${SETUP_HINT}`;
  }
  let images: RunResult;
  try {
    images = await buildah(['images', '--quiet', '--filter', `reference=${BASE_IMAGE}`]);
  } catch {
    return `buildah is not installed (or not on the PATH).\n${SETUP_HINT}`;
  }
  if (!images.ok) return `buildah does not work here: ${tail(images.output, 5)}\n${SETUP_HINT}`;
  if (!images.stdout.trim()) return `The base image ${BASE_IMAGE} is missing.\n${SETUP_HINT}`;
  const node = await buildah(['images', '--quiet', '--filter', `reference=${NODE_BASE_IMAGE}`]);
  if (!node.stdout.trim()) return `The Node.js base image ${NODE_BASE_IMAGE} is missing.\n${SETUP_HINT}`;
  return undefined;
}

/** The ids of the working containers that exist now (to remove the ones a stopped build leaves behind). */
export async function containerIds(): Promise<Set<string>> {
  const out = await buildahOk(['containers', '--all', '--quiet', '--notruncate']);
  return new Set(
    out
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/** The ids of the images that exist now, intermediate ones too (to remove what a run left behind). */
export async function imageIds(): Promise<Set<string>> {
  const out = await buildahOk(['images', '--all', '--quiet', '--no-trunc']);
  return new Set(
    out
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/** buildah's version, e.g. `1.28.2`. */
export async function buildahVersion(): Promise<string> {
  const out = await buildahOk(['--version']);
  return /version\s+(\S+)/.exec(out)?.[1] ?? out.trim();
}
