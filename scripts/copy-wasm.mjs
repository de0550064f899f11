#!/usr/bin/env node
// Copies the tree-sitter-bash grammar (shipped in the package as tree-sitter-bash.wasm) to the project root, where
// the shell view loads it from. Idempotent: the copy is skipped when the target already has the same bytes.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'node_modules', 'tree-sitter-bash', 'tree-sitter-bash.wasm');
const target = join(root, 'tree-sitter-bash.wasm');

if (!existsSync(source)) {
  console.error(
    `copy-wasm: ${relative(process.cwd(), source) || source} is missing; install the tree-sitter-bash development ` +
      'dependency (`npm install`) so its tree-sitter-bash.wasm can be copied to the project root.',
  );
  process.exit(1);
}
const bytes = readFileSync(source);
if (existsSync(target) && readFileSync(target).equals(bytes)) {
  console.log(`copy-wasm: ${relative(process.cwd(), target)} is up to date`);
} else {
  copyFileSync(source, target);
  console.log(`copy-wasm: copied tree-sitter-bash.wasm (${bytes.length} bytes) to ${relative(process.cwd(), target)}`);
}
