/**
 * `layerfix parse <file> [--format cst|buildkit|print]`: how layerfix reads one file. Diagnostics go to stderr as
 * `path:line:col: message [ruleId]`; any error exits 2. `-` reads standard input.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError } from '../config/errors.js';
import { MAX_FILE_BYTES } from '../runner/read.js';
import { firstInvalidUtf8, positionOfByte } from '../runner/utf8.js';
import { parseCommandArgs } from './args.js';
import { helpText } from './help.js';
import type { CliIO } from './io.js';
import { parseCommand } from './options.js';

async function readInput(file: string, io: CliIO): Promise<{ text: string } | { error: string }> {
  let bytes: Uint8Array;
  if (file === '-') {
    const input = await io.readStdin(MAX_FILE_BYTES);
    if (!input)
      return {
        error: `<stdin>:1:1: File too large: standard input is over the ${MAX_FILE_BYTES / 1024 / 1024} MiB limit for a Dockerfile; layerfix stopped reading it [file-too-large]`,
      };
    bytes = input;
  } else {
    try {
      bytes = await readFile(resolve(io.cwd, file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === 'EISDIR'
          ? 'it is a folder'
          : code === 'ENOENT'
            ? 'no such file'
            : code === 'ELOOP'
              ? 'symlink loop'
              : (error as Error).message;
      return { error: `${file}:1:1: Cannot read the file: ${why} [read-error]` };
    }
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const at = positionOfByte(bytes, bad);
    return {
      error: `${file === '-' ? '<stdin>' : file}:${at.line}:${at.column}: Invalid UTF-8: byte 0x${bytes[bad].toString(16).padStart(2, '0')}; layerfix reads Dockerfiles as UTF-8 [invalid-utf8]`,
    };
  }
  return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

/** Run `layerfix parse`; returns the exit code. */
export async function runParse(argv: readonly string[], io: CliIO): Promise<number> {
  const args = await parseCommandArgs(parseCommand, argv);
  if (args.values.help) {
    io.stdout.write(helpText(parseCommand));
    return 0;
  }
  if (args.positionals.length !== 1)
    throw new ConfigError(`layerfix parse takes one file (or - for stdin), got ${args.positionals.length}`);
  const file = args.positionals[0];
  const input = await readInput(file, io);
  if ('error' in input) {
    io.stderr.write(`${input.error}\n`);
    return 2;
  }
  const { parse, print, dumpBuildkit } = await import('../syntax/index.js');
  const root = parse(input.text);
  const format = (args.values.format as string | undefined) ?? 'cst';
  if (format === 'print') io.stdout.write(print(root));
  else if (format === 'buildkit') {
    const dump = dumpBuildkit(root);
    io.stdout.write(dump ? `${dump}\n` : '');
  } else io.stdout.write(`${JSON.stringify(root, null, 2)}\n`);
  let errors = 0;
  for (const d of root.data.diagnostics) {
    if (d.severity === 'error') errors++;
    io.stderr.write(
      `${file === '-' ? '<stdin>' : file}:${d.line}:${d.column}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.reason} [${d.ruleId}]\n`,
    );
  }
  return errors ? 2 : 0;
}
