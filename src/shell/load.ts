/**
 * Loads the tree-sitter-bash grammar into web-tree-sitter, once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import type { Parser as TreeSitterParser, Tree } from 'web-tree-sitter';

/** Where the grammar is looked for, first match wins (the package root copy is made by scripts/copy-wasm.mjs). */
export function shellWasmCandidates(): string[] {
  const candidates = [fileURLToPath(new URL('../../../tree-sitter-bash.wasm', import.meta.url))];
  try {
    candidates.push(createRequire(import.meta.url).resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
  } catch {
    // tree-sitter-bash is a development dependency; an installed layerfix ships the copy at its root.
  }
  return candidates;
}

let parser: TreeSitterParser | null = null;
let loading: Promise<void> | null = null;

/** Loads the shell parser; resolves at once when it is already loaded. Call it before `parseShell` or `shellView`. */
export function loadShellParser(options: { wasmPath?: string } = {}): Promise<void> {
  if (parser) return Promise.resolve();
  loading ??= load(options.wasmPath).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/** True once `loadShellParser` has finished. */
export function isShellParserLoaded(): boolean {
  return parser !== null;
}

/**
 * Parses shell text with the loaded grammar. The caller owns the tree and must call `tree.delete()` when done,
 * as its memory lives in WebAssembly.
 */
export function parseShell(text: string): Tree {
  if (!parser) {
    throw new Error('The shell parser is not loaded: `await loadShellParser()` before calling parseShell or shellView');
  }
  const tree = parser.parse(text);
  if (!tree) throw new Error(`tree-sitter-bash returned no tree for a ${text.length}-character text`);
  return tree;
}

async function load(wasmPath: string | undefined): Promise<void> {
  const bytes = readGrammar(wasmPath);
  // Without this, Node 20 compiles optimised code for the grammar's WebAssembly in the background and waits for it
  // before the process can exit (measured here: 0.6-0.8 s added to every short run). Liftoff (baseline) code is
  // also faster overall at this size: it parsed the corpus's 1,326 RUNs in ~0.25 s against ~0.5-0.7 s with tier-up.
  // The flag is process-wide; it must be set before any WebAssembly module is compiled.
  v8.setFlagsFromString('--liftoff-only');
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init();
  const language = await Language.load(bytes);
  const instance = new Parser();
  instance.setLanguage(language);
  parser = instance;
}

function readGrammar(wasmPath: string | undefined): Uint8Array {
  const candidates = wasmPath ? [wasmPath] : shellWasmCandidates();
  for (const candidate of candidates) {
    try {
      return readFileSync(candidate);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new Error(
    `Cannot find the shell grammar tree-sitter-bash.wasm; looked in: ${candidates.join(', ')}. ` +
      'Run `node scripts/copy-wasm.mjs` (part of the build) or install tree-sitter-bash.',
  );
}
