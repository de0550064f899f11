#!/usr/bin/env node
// Copies the tree-sitter grammars layerfix ships to the project root, where they are loaded from: tree-sitter-bash.wasm
// (the shell view) and tree-sitter-hcl.wasm (docker-bake.hcl files, for build contexts). Idempotent: a copy is skipped
// when the target already has the same bytes.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const grammars = [
  ['tree-sitter-bash', 'tree-sitter-bash.wasm'],
  ['@tree-sitter-grammars/tree-sitter-hcl', 'tree-sitter-hcl.wasm'],
];

for (const [pkg, name] of grammars) {
  const source = join(root, 'node_modules', pkg, name);
  const target = join(root, name);
  if (!existsSync(source)) {
    console.error(
      `copy-wasm: ${relative(process.cwd(), source) || source} is missing; install the ${pkg} development ` +
        `dependency (\`npm install\`) so its ${name} can be copied to the project root.`,
    );
    process.exit(1);
  }
  const bytes = readFileSync(source);
  if (existsSync(target) && readFileSync(target).equals(bytes)) {
    console.log(`copy-wasm: ${relative(process.cwd(), target)} is up to date`);
  } else {
    copyFileSync(source, target);
    console.log(`copy-wasm: copied ${name} (${bytes.length} bytes) to ${relative(process.cwd(), target)}`);
  }
}
