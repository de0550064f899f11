#!/usr/bin/env node
// Writes the files generated from the option data in dist/ (build first: `tsc -p .`):
//   schema/layerfixrc.schema.json   the JSON Schema of .layerfixrc.json
//   .layerfixrc.example             every transform with its defaults
//   README.md, docs/cli.md          the CLI option tables, between the layerfix-cli-options markers (if present)
// `--check` only verifies they are current (exit 1 when not); test/config-schema.test.ts checks the same.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { builtinTransforms } = await import(join(root, 'dist/transforms/index.js'));
const { configSchema, SCHEMA_PATH } = await import(join(root, 'dist/src/config/schema.js'));
const { exampleConfig } = await import(join(root, 'dist/src/config/example.js'));
const { updateReadme } = await import(join(root, 'dist/src/cli/readme-section.js'));

const read = (path) => (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined);
const files = {
  [SCHEMA_PATH]: `${JSON.stringify(configSchema(builtinTransforms), null, 2)}\n`,
  '.layerfixrc.example': exampleConfig(builtinTransforms),
};
for (const doc of ['README.md', 'docs/cli.md']) {
  const text = read(doc);
  if (text !== undefined) files[doc] = updateReadme(text);
}

const check = process.argv.includes('--check');
let stale = 0;
for (const [path, text] of Object.entries(files)) {
  if (read(path) === text) continue;
  if (check) {
    console.error(`${path} is out of date: run node scripts/generate-docs.mjs`);
    stale++;
  } else {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    console.log(`wrote ${path}`);
  }
}
process.exit(stale ? 1 : 0);
