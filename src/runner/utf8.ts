/**
 * Byte-level checks of a file before it is decoded: binary content and invalid UTF-8, with where they start.
 */

/** The offset of the first byte that is not part of a valid UTF-8 sequence, or -1 when the buffer is valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    // Continuation bytes a lead byte needs, and the smallest code point it may encode (smaller is overlong).
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (need === 0) return i;
    const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
    if (i + need >= n) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** The 1-based line and column (in characters) of byte `offset` of a buffer whose bytes before it are valid UTF-8. */
export function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] !== 0x0a) continue;
    line++;
    lineStart = i + 1;
  }
  const column = new TextDecoder().decode(bytes.subarray(lineStart, offset)).length + 1;
  return { line, column };
}

/** The offset of the first NUL byte in the first `window` bytes (git's test for binary content), or -1. */
export function firstNul(bytes: Uint8Array, window = 8000): number {
  const end = Math.min(bytes.length, window);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return i;
  return -1;
}
