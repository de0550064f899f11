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
  /** All of standard input, as text. */
  readStdin(): Promise<string>;
}

/** The real process's streams and environment. */
export function processIO(): CliIO {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return new TextDecoder('utf-8', { ignoreBOM: true }).decode(Buffer.concat(chunks));
    },
  };
}
