#!/usr/bin/env node
// Writes every file generated from the transforms' metadata and the CLI's option data (src/docs/index.ts lists
// them: docs/transforms.md, the JSON Schema, .layerfixrc.example, the CLI tables of README.md and docs/cli.md).
// Build first (`tsc -p .`; `npm run docs` does both). `--check` only verifies they are current (exit 1 when not).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { builtinTransforms } = await import(join(root, 'dist/src/registry.js'));
const { generatedDocs } = await import(join(root, 'dist/src/docs/index.js'));

const read = (path) => (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined);
const check = process.argv.includes('--check');
let stale = 0;
for (const [path, text] of Object.entries(generatedDocs(builtinTransforms, read))) {
  if (read(path) === text) continue;
  if (check) {
    console.error(`${path} is out of date: run npm run docs`);
    stale++;
  } else {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    console.log(`wrote ${path}`);
  }
}
process.exit(stale ? 1 : 0);
