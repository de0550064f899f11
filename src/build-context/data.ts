/**
 * Reading the build files: YAML (compose, workflows, skaffold) with js-yaml, JSON with comments (dev containers) with
 * jsonc-parser, and HCL (bake files) with the tree-sitter-hcl grammar. Each is loaded the first time a file of its
 * kind is read (the pattern of `src/analysis/data-files.ts`), so a repository without such files pays nothing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Node as TreeSitterNode, Parser as TreeSitterParser } from 'web-tree-sitter';
import { loadShellParser } from '../shell/index.js';

const load = createRequire(import.meta.url);

/** A YAML or JSON value as read. */
export type Data = string | number | boolean | null | Data[] | { [key: string]: Data };

let yaml:
  | {
      loadAll(text: string, iterator: undefined, options: { schema: unknown; json: boolean }): unknown[];
      DEFAULT_SCHEMA: { extend(types: unknown[]): unknown };
      Type: new (tag: string, options: { kind: 'sequence'; construct(data: unknown): unknown }) => unknown;
    }
  | undefined;
let gitlabSchema: unknown;
let jsonc:
  | {
      parse(
        text: string,
        errors: { error: number; offset: number }[],
        options: { allowTrailingComma: boolean },
      ): unknown;
      printParseErrorCode(code: number): string;
    }
  | undefined;

/**
 * Every document of a YAML file. The default schema, for the merge keys (`<<: *defaults`) compose files use; js-yaml 4
 * has no tag that runs code. Throws an Error saying where it does not parse.
 */
export function readYamlDocuments(text: string): Data[] {
  yaml ??= load('js-yaml') as typeof yaml;
  return yaml!.loadAll(text.replace(/^\ufeff/, ''), undefined, { schema: yaml!.DEFAULT_SCHEMA, json: true }) as Data[];
}

/**
 * Every document of a GitLab CI file: YAML with GitLab's `!reference [job, key]` tag, read as `{ '!reference': [job,
 * key] }` for the reader to resolve.
 */
export function readGitlabYamlDocuments(text: string): Data[] {
  yaml ??= load('js-yaml') as typeof yaml;
  gitlabSchema ??= yaml!.DEFAULT_SCHEMA.extend([
    new yaml!.Type('!reference', { kind: 'sequence', construct: (data) => ({ '!reference': data }) }),
  ]);
  return yaml!.loadAll(text.replace(/^\ufeff/, ''), undefined, { schema: gitlabSchema, json: true }) as Data[];
}

/** A JSON-with-comments document (trailing commas allowed); throws an Error naming the first problem and its offset. */
export function readJsonc(text: string): Data {
  jsonc ??= load('jsonc-parser') as typeof jsonc;
  const errors: { error: number; offset: number }[] = [];
  const value = jsonc!.parse(text.replace(/^\ufeff/, ''), errors, { allowTrailingComma: true });
  if (errors.length) {
    const { error, offset } = errors[0];
    const line = text.slice(0, offset).split('\n').length;
    throw new Error(`${jsonc!.printParseErrorCode(error)} at line ${line}`);
  }
  return value as Data;
}

/** Whether a value is a mapping. */
export function isMap(value: Data | undefined): value is { [key: string]: Data } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string value, or undefined (numbers are written as strings; other kinds are not strings). */
export function stringOf(value: Data | undefined): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** Where the HCL grammar is looked for (the package root copy is made by scripts/copy-wasm.mjs). */
function hclWasmCandidates(): string[] {
  const candidates = [fileURLToPath(new URL('../../../tree-sitter-hcl.wasm', import.meta.url))];
  try {
    candidates.push(load.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm'));
  } catch {
    // a development dependency; an installed layerfix ships the copy at its root.
  }
  return candidates;
}

let hcl: Promise<TreeSitterParser> | undefined;

async function loadHcl(): Promise<TreeSitterParser> {
  // The shell parser initialises web-tree-sitter (and its WebAssembly settings) once per process.
  await loadShellParser();
  const { Parser, Language } = await import('web-tree-sitter');
  let bytes: Uint8Array | undefined;
  for (const candidate of hclWasmCandidates()) {
    try {
      bytes = readFileSync(candidate);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  if (!bytes)
    throw new Error(`cannot find the HCL grammar tree-sitter-hcl.wasm; looked in: ${hclWasmCandidates().join(', ')}`);
  const parser = new Parser();
  parser.setLanguage(await Language.load(bytes));
  return parser;
}

/** An HCL file as a syntax tree; `use` gets its root node (the tree is freed afterwards). Throws on a syntax error. */
export async function withHcl<T>(text: string, use: (root: TreeSitterNode) => T): Promise<T> {
  hcl ??= loadHcl();
  const parser = await hcl;
  const tree = parser.parse(text);
  if (!tree) throw new Error('the HCL parser returned no tree');
  try {
    if (tree.rootNode.hasError) {
      const bad = findError(tree.rootNode);
      throw new Error(`HCL syntax error at line ${(bad?.startPosition.row ?? 0) + 1}`);
    }
    return use(tree.rootNode);
  } finally {
    tree.delete();
  }
}

function findError(node: TreeSitterNode): TreeSitterNode | undefined {
  if (node.type === 'ERROR' || node.isMissing) return node;
  for (const child of node.children) {
    if (child && child.hasError) return findError(child) ?? child;
  }
  return undefined;
}
