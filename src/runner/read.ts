/**
 * Read a Dockerfile from disk as text, or say clearly why it cannot be: not a regular file, unreadable, too large,
 * binary, or not UTF-8. The text keeps its BOM and line endings so writing it back changes nothing else.
 */
import { readFileSync, statSync } from 'node:fs';
import { firstInvalidUtf8, firstNul, positionOfByte } from './utf8.js';

/** Files larger than this are refused: no real Dockerfile comes close, and the pipeline is not built for them. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** A problem that stops a file from being read, placed where it was found. */
export interface ReadProblem {
  ruleId: string;
  message: string;
  line: number;
  column: number;
}

/** What was read: the text and the identity of the file it came from (to notice changes before writing). */
export interface ReadFile {
  text: string;
  size: number;
  mtimeMs: number;
}

const ERRNO: Record<string, string> = {
  ENOENT: 'No such file (a dangling symlink?)',
  ELOOP: 'Symlink loop: the link resolves to itself',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EISDIR: 'Is a folder, not a file',
  EMFILE: 'Too many open files',
};

function problem(ruleId: string, message: string, line = 1, column = 1): ReadProblem {
  return { ruleId, message, line, column };
}

function errnoProblem(error: unknown): ReadProblem {
  const code = (error as NodeJS.ErrnoException)?.code ?? '';
  const what = ERRNO[code] ?? (error instanceof Error ? error.message : String(error));
  return problem(
    code === 'ELOOP' ? 'symlink-loop' : 'read-error',
    `Cannot read the file: ${what}${code && !what.includes(code) ? ` (${code})` : ''}`,
  );
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Decode file bytes, or the problem that stops it: binary content (a NUL byte) or invalid UTF-8. */
export function decodeDockerfile(bytes: Uint8Array): { text: string } | ReadProblem {
  const nul = firstNul(bytes);
  if (nul >= 0) return problem('binary-file', `Binary file (a NUL byte at byte ${nul}): a Dockerfile is text`);
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const at = positionOfByte(bytes, bad);
    const byte = bytes[bad].toString(16).padStart(2, '0');
    return problem(
      'invalid-utf8',
      `Invalid UTF-8: byte 0x${byte} starts no valid character; layerfix reads Dockerfiles as UTF-8`,
      at.line,
      at.column,
    );
  }
  return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

/** Read the file at `path` (following a symlink), or the problem that stops it. */
export async function readDockerfile(path: string, maxBytes = MAX_FILE_BYTES): Promise<ReadFile | ReadProblem> {
  return readDockerfileSync(path, maxBytes);
}

/**
 * `readDockerfile`, synchronously: what the pipeline uses. A worker thread has nothing else to do meanwhile, and
 * a file is at most 1 MiB, so direct system calls beat a round trip through the thread pool for each of them.
 */
export function readDockerfileSync(path: string, maxBytes = MAX_FILE_BYTES): ReadFile | ReadProblem {
  let info;
  try {
    info = statSync(path);
  } catch (error) {
    return errnoProblem(error);
  }
  if (info.isDirectory()) return problem('read-error', 'Cannot read the file: it is a folder');
  if (!info.isFile())
    return problem('read-error', 'Cannot read the file: not a regular file (a device, socket or pipe)');
  if (info.size > maxBytes) {
    return problem(
      'file-too-large',
      `File too large: ${mib(info.size)}, over the ${mib(maxBytes)} limit for a Dockerfile`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return errnoProblem(error);
  }
  const decoded = decodeDockerfile(bytes);
  if ('ruleId' in decoded) return decoded;
  return { text: decoded.text, size: info.size, mtimeMs: info.mtimeMs };
}
