/**
 * The CLI's view of its process: streams, environment and working folder, replaceable in tests.
 */

/** An output stream. */
export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** What a CLI run reads and writes. */
export interface CliIO {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: OutStream;
  stderr: OutStream;
  /**
   * Standard input as bytes, or undefined as soon as more than `maxBytes` have arrived: reading stops there, so an
   * endless or huge input is refused without being read to its end.
   */
  readStdin(maxBytes: number): Promise<Uint8Array | undefined>;
}

/** Read `stream` to its end, or stop and return undefined once more than `maxBytes` arrived. */
async function readBounded(
  stream: AsyncIterable<Uint8Array | string> & { destroy?(): unknown },
  maxBytes: number,
): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes =
      typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    size += bytes.length;
    // Leaving the loop ends the iteration, which destroys the stream: nothing more is read.
    if (size > maxBytes) return undefined;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/** The real process's streams and environment. */
export function processIO(): CliIO {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: (maxBytes) => readBounded(process.stdin, maxBytes),
  };
}
