/**
 * Atomic in-place writes: the new content goes to a temporary file in the same folder, with the original's mode
 * (and owner, when permitted), is flushed to disk, then renamed over the original. A symlink is written through to
 * its target and stays a symlink. The temporary name (`.<name>.layerfix-<pid>-<thread>-<n>.tmp`) cannot be
 * mistaken for a Dockerfile, and discovery skips it. Writes happen one at a time, so a process killed at any
 * instant (SIGKILL cannot be caught) leaves at most one temporary file behind. A read-only file is not written, nor
 * one with other hard links (the rename would leave them holding the old text).
 */
// `fs.promises` is read where used: loading it costs a cold `--check`, which never writes, about 4 ms.
import fs from 'node:fs';
import { tempFileOwner } from './names.js';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/** Temporary files being written right now, so an interrupted run can remove them. */
export const pendingTempFiles = new Set<string>();

/** The identity of a file as it was read; a write is refused when the file no longer matches it. */
export interface Expected {
  size?: number;
  mtimeMs?: number;
}

/** The file was modified by someone else between read and write. */
export class ChangedOnDiskError extends Error {
  override name = 'ChangedOnDiskError';
}

/** Whether the process that wrote a temporary file is gone (so the file is left over from an interrupted run). */
export function isStaleTempFile(path: string): boolean {
  const pid = tempFileOwner(path);
  if (pid === undefined || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Remove the temporary files of interrupted runs (their writer is gone); returns how many were removed. */
export async function removeStaleTempFiles(paths: readonly string[]): Promise<number> {
  let removed = 0;
  for (const path of paths) {
    if (!isStaleTempFile(path)) continue;
    await fs.promises.unlink(path).then(
      () => removed++,
      () => undefined,
    );
  }
  return removed;
}

/** The file is read-only: layerfix leaves it alone, as an editor asks before writing one. */
export class ReadOnlyError extends Error {
  override name = 'ReadOnlyError';
}

/** The file has other hard links: an atomic write would give this name new text and leave theirs with the old. */
export class HardLinkError extends Error {
  override name = 'HardLinkError';
}

/** The write in progress, if any: the next one starts after it. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Replace the content of the file at `path` with `text` (UTF-8), atomically, keeping its mode and owner. Writes are
 * queued: one at a time in this thread. Throws ReadOnlyError for a file no one may write (mode without a `w` bit)
 * or that this process may not write, HardLinkError for a file with other hard links, and ChangedOnDiskError for a
 * file changed since it was read.
 */
export function writeFileAtomic(path: string, text: string, expected: Expected = {}): Promise<void> {
  const write = queue.then(() => writeNow(path, text, expected));
  queue = write.catch(() => undefined);
  return write;
}

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

async function writeNow(path: string, text: string, expected: Expected): Promise<void> {
  const target = await fs.promises.realpath(path);
  const info = await fs.promises.stat(target);
  if (
    (expected.size !== undefined && info.size !== expected.size) ||
    (expected.mtimeMs !== undefined && info.mtimeMs !== expected.mtimeMs)
  ) {
    throw new ChangedOnDiskError('it changed on disk while layerfix was working on it');
  }
  // Root may write anything, so the mode is read, not only what access() says for this process.
  if ((info.mode & 0o222) === 0)
    throw new ReadOnlyError(
      `the file is read-only (mode ${octal(info.mode)}); make it writable to let layerfix rewrite it`,
    );
  if (info.nlink > 1)
    throw new HardLinkError(
      `the file has ${info.nlink - 1} other hard link${info.nlink > 2 ? 's' : ''}, which a write (a new file renamed over this one) would leave with the old text; rewrite one copy and link it again`,
    );
  try {
    await fs.promises.access(target, fs.constants.W_OK);
  } catch {
    throw new ReadOnlyError(`this user may not write the file (mode ${octal(info.mode)})`);
  }
  // node:worker_threads loads on the first write, not on every start.
  const { threadId } = await import('node:worker_threads');
  const temp = join(dirname(target), `.${basename(target)}.layerfix-${process.pid}-${threadId}-${counter++}.tmp`);
  pendingTempFiles.add(temp);
  try {
    const handle = await fs.promises.open(temp, 'wx', info.mode & 0o7777);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.chmod(info.mode & 0o7777);
      if (process.getuid?.() === 0) await handle.chown(info.uid, info.gid).catch(() => undefined);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, target);
  } catch (error) {
    await fs.promises.unlink(temp).catch(() => undefined);
    throw error;
  } finally {
    pendingTempFiles.delete(temp);
  }
}
