/**
 * The import rules of the code base (docs/architecture.md), read from the sources themselves: every relative import,
 * type-only ones included, is checked against the layer rules, and the import graph has no cycle.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PROJECT_ROOT } from './helpers/corpus.js';

/** The layers, by path: the first pattern that matches a file names its layer. */
const LAYERS: Array<[string, RegExp]> = [
  ['syntax', /^src\/syntax\//],
  ['shell', /^src\/shell\//],
  ['printer', /^src\/printer\//],
  ['engine', /^src\/engine\//],
  ['analysis', /^src\/analysis\//],
  ['registry', /^transforms\/index\.ts$|^src\/registry\.ts$/],
  ['transforms', /^transforms\//],
  ['cli', /^src\/cli\//],
  ['startup', /^src\/startup\/|^bin\//],
  ['docs', /^src\/docs\//],
  ['entry', /^src\/index\.ts$/],
  ['services', /^src\//],
];

/** The public entry of a layer: files of other layers import it only through this file. */
const ENTRIES: Record<string, RegExp> = {
  syntax: /^src\/syntax\/index\.ts$/,
  shell: /^src\/shell\/index\.ts$/,
  printer: /^src\/printer\/index\.ts$/,
  engine: /^src\/engine\/index\.ts$/,
  analysis: /^src\/analysis\/index\.ts$/,
  registry: /^src\/registry\.ts$/,
  cli: /^src\/cli\/main\.ts$/,
};

/** What each layer may import, besides itself. `*` means through the other layer's public entry only. */
const MAY_IMPORT: Record<string, string[]> = {
  syntax: [],
  shell: [],
  printer: ['syntax*'],
  // The engine is the core: it reads the syntax layer's internals, the rest through their entries.
  engine: ['syntax', 'shell*', 'printer*'],
  analysis: ['engine*'],
  transforms: ['engine*', 'analysis*'],
  registry: ['engine*', 'transforms'],
  services: ['syntax*', 'shell*', 'engine*', 'analysis*', 'registry*'],
  cli: ['syntax*', 'shell*', 'engine*', 'analysis*', 'registry*', 'services'],
  startup: ['cli*', 'services', 'entry'],
  entry: ['syntax*', 'engine*', 'registry*', 'services'],
  // Generated documentation (never loaded by a command) reads the CLI's option data.
  docs: ['engine*', 'registry*', 'services', 'cli'],
};

/** The layer a file belongs to. */
function layerOf(file: string): string {
  return LAYERS.find(([, pattern]) => pattern.test(file))![0];
}

function sources(dir: string): string[] {
  return readdirSync(join(PROJECT_ROOT, dir)).flatMap((name) => {
    const path = posix.join(dir, name);
    if (statSync(join(PROJECT_ROOT, path)).isDirectory()) return sources(path);
    return /\.(ts|cts|js)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The project files a file imports (relative specifiers, mapped from the emitted `.js`/`.cjs` to the source). */
function importsOf(file: string, known: Set<string>): string[] {
  const text = readFileSync(join(PROJECT_ROOT, file), 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(
    /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)(['"])(\.{1,2}\/[^'"]+)\1/gm,
  )) {
    let target = posix.normalize(posix.join(posix.dirname(file), match[2]));
    if (target.startsWith('dist/')) target = target.slice('dist/'.length);
    const candidates = [target, target.replace(/\.js$/, '.ts'), target.replace(/\.cjs$/, '.cts')];
    const source = candidates.find((candidate) => known.has(candidate));
    if (source) found.push(source);
  }
  return found;
}

const files = [...sources('src'), ...sources('transforms'), ...sources('bin')];
const known = new Set(files);
const graph = new Map(files.map((file) => [file, importsOf(file, known)]));

test('the sources are all read (a sanity check on the reader itself)', () => {
  assert.ok(files.length > 150, `${files.length} files`);
  assert.ok(
    graph.get('transforms/merge-runs.ts')!.includes('src/engine/index.ts'),
    'merge-runs imports the engine entry',
  );
  assert.ok(graph.get('src/engine/pipeline.ts')!.length > 3, 'the pipeline imports its parts');
});

test('every import follows the layer rules', () => {
  const broken: string[] = [];
  for (const [file, targets] of graph) {
    const from = layerOf(file);
    for (const target of targets) {
      const to = layerOf(target);
      if (to === from) continue;
      const rule = MAY_IMPORT[from].find((allowed) => allowed.replace('*', '') === to);
      if (!rule) broken.push(`${file} (${from}) imports ${target} (${to}), which ${from} may not import`);
      else if (rule.endsWith('*') && !ENTRIES[to].test(target))
        broken.push(`${file} (${from}) imports ${target}: use ${to}'s public entry`);
    }
  }
  assert.equal(broken, []);
});

test('only the registry imports the list of built-in transforms; only the bin, start-up and the docs generator import the CLI', () => {
  for (const [file, targets] of graph) {
    if (targets.includes('transforms/index.ts'))
      assert.is(file, 'src/registry.ts', `${file} imports transforms/index.ts`);
    if (targets.some((target) => layerOf(target) === 'cli'))
      assert.ok(/^(src\/cli|src\/startup|src\/docs|bin)\//.test(file), `${file} imports the CLI`);
  }
});

test('the import graph has no cycle between files', () => {
  // Tarjan's strongly connected components: any component of more than one file is a cycle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const file of files) if (!index.has(file)) visit(file);
  assert.equal(cycles, []);
});

test('the rules name every layer', () => {
  for (const file of files) assert.ok(layerOf(file) in MAY_IMPORT, `${file} has a layer with rules`);
});

test.run();
