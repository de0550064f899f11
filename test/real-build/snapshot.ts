/**
 * What an image is, for comparing two builds: every file (path, type, content hash, mode, owner, group, link target)
 * read through `buildah mount`, and the runtime config read through `buildah inspect`. Timestamps and the noise that
 * differs from one run to the next are left out (see NOISE); everything else counts.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { buildah, buildahOk } from './buildah.js';

export type FileType = 'file' | 'dir' | 'symlink' | 'char' | 'block' | 'fifo' | 'socket';

export interface FileEntry {
  type: FileType;
  /** Permission bits with setuid/setgid/sticky, as octal text. */
  mode: string;
  uid: number;
  gid: number;
  /** sha256 of the content (regular files; a noise-normalized content where NOISE says so), absent for others. */
  hash?: string;
  size?: number;
  /** Symlink target. */
  target?: string;
}

/** The runtime config fields that are compared (Docker image config names). */
export const CONFIG_FIELDS = [
  'Env',
  'WorkingDir',
  'User',
  'Cmd',
  'Entrypoint',
  'Shell',
  'Labels',
  'ExposedPorts',
  'Volumes',
  'Healthcheck',
  'OnBuild',
  'StopSignal',
] as const;
export type ConfigField = (typeof CONFIG_FIELDS)[number];

export interface Snapshot {
  files: Map<string, FileEntry>;
  config: Partial<Record<ConfigField, unknown>>;
}

/**
 * Run-to-run noise. `skip`: left out entirely. `presence`: only that the path exists and its type count (contents,
 * sizes, modes of files that hold timestamps or download state). `normalize`: the content is hashed after a rewrite.
 */
interface NoiseRule {
  test: (path: string) => boolean;
  kind: 'skip' | 'presence' | 'normalize' | 'empty-stub';
  normalize?: (content: Buffer) => Buffer;
  why: string;
}

const under = (dir: string) => (p: string) => p.startsWith(dir + '/');
const exact =
  (...paths: string[]) =>
  (p: string) =>
    paths.includes(p);

/** The shadow files' third field is the day of the last password change: the day the build ran. */
function shadowWithoutDates(content: Buffer): Buffer {
  const text = content.toString('utf8');
  return Buffer.from(text.replace(/^([^:\n]*:[^:\n]*:)\d*(:)/gm, '$1$2'), 'utf8');
}

export const NOISE: NoiseRule[] = [
  {
    test: exact('/etc/hosts', '/etc/resolv.conf', '/etc/hostname', '/run/.containerenv'),
    kind: 'empty-stub',
    why: 'mount stubs the builder leaves empty',
  },
  { test: under('/var/log'), kind: 'presence', why: 'logs hold times' },
  { test: under('/var/cache/apt'), kind: 'presence', why: 'apt caches' },
  { test: under('/var/lib/apt/lists'), kind: 'presence', why: 'apt lists change with the mirror' },
  {
    test: exact('/etc/ld.so.cache', '/var/cache/ldconfig/aux-cache'),
    kind: 'presence',
    why: 'ld.so caches hold times',
  },
  { test: (p) => /\/\.npm\/_logs(\/|$)/.test(p), kind: 'skip', why: 'npm names its logs by the time' },
  { test: (p) => /\/\.npm\/_cacache\//.test(p), kind: 'presence', why: "npm's cache index holds times" },
  {
    test: (p) => /^\/tmp\/v8-compile-cache-[^/]*\//.test(p),
    kind: 'presence',
    why: "V8's code caches (yarn's v8-compile-cache) depend on when the code was compiled",
  },
  {
    test: exact('/etc/shadow', '/etc/shadow-', '/etc/gshadow', '/etc/gshadow-'),
    kind: 'normalize',
    normalize: shadowWithoutDates,
    why: 'the shadow date field is the build day',
  },
];

function typeOf(st: Stats): FileType {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'dir';
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isCharacterDevice()) return 'char';
  if (st.isBlockDevice()) return 'block';
  if (st.isFIFO()) return 'fifo';
  return 'socket';
}

/**
 * Content hashes by inode, size and times: both images of a pair share their base layer on disk, and overlayfs shows
 * an untouched lower file with the lower inode, so the base's files are read once per run, not once per snapshot.
 */
const hashCache = new Map<string, string>();

function hashFile(path: string, st: Stats, normalize?: (b: Buffer) => Buffer): string {
  const key = normalize ? undefined : `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
  const cached = key && hashCache.get(key);
  if (cached) return cached;
  let content: Buffer = readFileSync(path);
  if (normalize) content = normalize(content);
  const hash = createHash('sha256').update(content).digest('hex');
  if (key) hashCache.set(key, hash);
  return hash;
}

/** Read a mounted root file system into entries keyed by absolute path ('/' for the root). */
export function snapshotTree(root: string): Map<string, FileEntry> {
  const files = new Map<string, FileEntry>();
  const visit = (rel: string) => {
    const full = rel === '/' ? root : join(root, rel);
    const st = lstatSync(full);
    const type = typeOf(st);
    const rule = rel === '/' ? undefined : NOISE.find((r) => r.test(rel));
    if (rule?.kind === 'skip') return;
    if (rule?.kind === 'empty-stub' && type === 'file' && st.size === 0) return;
    if (rule?.kind === 'presence') {
      files.set(rel, { type, mode: '', uid: 0, gid: 0 });
    } else {
      const entry: FileEntry = {
        type,
        mode: (st.mode & 0o7777).toString(8).padStart(4, '0'),
        uid: st.uid,
        gid: st.gid,
      };
      if (type === 'file') {
        entry.hash = hashFile(full, st, rule?.kind === 'normalize' ? rule.normalize : undefined);
        if (rule?.kind !== 'normalize') entry.size = st.size;
      } else if (type === 'symlink') entry.target = readlinkSync(full);
      files.set(rel, entry);
    }
    if (type === 'dir') {
      for (const name of readdirSync(full).sort()) visit(rel === '/' ? `/${name}` : `${rel}/${name}`);
    }
  };
  visit('/');
  return files;
}

/** The compared config: empty lists and maps count as absent (buildah writes `[]` for an unset Entrypoint). */
export function configOf(inspect: unknown): Partial<Record<ConfigField, unknown>> {
  const docker = (inspect as { Docker?: { config?: Record<string, unknown> } }).Docker?.config ?? {};
  const config: Partial<Record<ConfigField, unknown>> = {};
  for (const field of CONFIG_FIELDS) {
    const value = docker[field];
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) continue;
    config[field] = value;
  }
  return config;
}

let snapshotCounter = 0;

/** Snapshot an image by id or name: mount it in a working container, read it, remove the container. */
export async function snapshotImage(image: string): Promise<Snapshot> {
  const name = `layerfix-rb-snap-${process.pid}-${++snapshotCounter}`;
  const [inspectText] = await Promise.all([
    buildahOk(['inspect', '--type', 'image', image]),
    buildahOk(['from', '--pull-never', '--quiet', '--name', name, image]),
  ]);
  try {
    const mountPoint = (await buildahOk(['mount', name])).trim();
    return { files: snapshotTree(mountPoint), config: configOf(JSON.parse(inspectText)) };
  } finally {
    // rm unmounts the container too.
    await buildah(['rm', name]);
  }
}

const MAX_LISTED = 40;

function describe(e: FileEntry): string {
  const parts: string[] = [e.type];
  if (e.mode) parts.push(e.mode, `${e.uid}:${e.gid}`);
  if (e.target !== undefined) parts.push(`-> ${e.target}`);
  if (e.size !== undefined) parts.push(`${e.size} bytes`);
  if (e.hash) parts.push(`sha256 ${e.hash.slice(0, 12)}`);
  return parts.join(' ');
}

export interface Difference {
  /** What differs: a path, or `config <Field>` (`config Env <NAME>` for a variable). */
  key: string;
  text: string;
}

/** Every difference of `a` (the original) and `b` (the rewrite); empty when they are the same. */
export function diffSnapshots(
  a: Snapshot,
  b: Snapshot,
  names: [string, string] = ['original', 'rewritten'],
): Difference[] {
  const out: Difference[] = [];
  for (const field of CONFIG_FIELDS) {
    const va = a.config[field];
    const vb = b.config[field];
    if (field === 'Env' && Array.isArray(va) && Array.isArray(vb)) {
      // Env is a list in the config but a set of variables at run time: compare by name; the order is not a change.
      const map = (list: string[]) => new Map(list.map((kv) => [kv.split('=')[0], kv.slice(kv.indexOf('=') + 1)]));
      const ma = map(va as string[]);
      const mb = map(vb as string[]);
      for (const key of new Set([...ma.keys(), ...mb.keys()])) {
        if (ma.get(key) !== mb.get(key))
          out.push({
            key: `config Env ${key}`,
            text: `config Env ${key}: ${names[0]} ${JSON.stringify(ma.get(key))}, ${names[1]} ${JSON.stringify(mb.get(key))}`,
          });
      }
      continue;
    }
    if (!isDeepStrictEqual(va, vb))
      out.push({
        key: `config ${field}`,
        text: `config ${field}: ${names[0]} ${JSON.stringify(va)}, ${names[1]} ${JSON.stringify(vb)}`,
      });
  }
  const skipBelow: string[] = [];
  const paths = [...new Set([...a.files.keys(), ...b.files.keys()])].sort();
  for (const path of paths) {
    if (skipBelow.some((d) => path.startsWith(d + '/'))) continue;
    const ea = a.files.get(path);
    const eb = b.files.get(path);
    if (!ea || !eb) {
      const entry = (ea ?? eb)!;
      const files = ea ? a.files : b.files;
      let below = 0;
      if (entry.type === 'dir') {
        for (const p of files.keys()) if (p.startsWith(path + '/')) below++;
        skipBelow.push(path);
      }
      out.push({
        key: path,
        text: `only in ${ea ? names[0] : names[1]}: ${path} (${describe(entry)}${below ? `, ${below} entries below` : ''})`,
      });
      continue;
    }
    const diffs: string[] = [];
    for (const key of ['type', 'mode', 'uid', 'gid', 'target', 'size', 'hash'] as const) {
      if (ea[key] !== eb[key]) diffs.push(`${key} ${String(ea[key] ?? '-')} vs ${String(eb[key] ?? '-')}`);
    }
    if (diffs.length) out.push({ key: path, text: `${path}: ${diffs.join(', ')}` });
  }
  return out;
}

/** The differences in readable lines (at most MAX_LISTED file lines); empty when the images are the same. */
export function formatDifferences(differences: Difference[]): string[] {
  const config = differences.filter((d) => d.key.startsWith('config '));
  const files = differences.filter((d) => !d.key.startsWith('config '));
  const out = [...config.map((d) => d.text), ...files.slice(0, MAX_LISTED).map((d) => d.text)];
  if (files.length > MAX_LISTED) out.push(`... and ${files.length - MAX_LISTED} more file differences`);
  return out;
}

/** `diffSnapshots` in readable lines. */
export function compareSnapshots(
  a: Snapshot,
  b: Snapshot,
  names: [string, string] = ['original', 'rewritten'],
): string[] {
  return formatDifferences(diffSnapshots(a, b, names));
}
