/**
 * The cases the real-build suite proves: the fixture cases of the default transforms, the example apps, a sample of
 * the corpus (corpus-sample.json, picked by scripts/real-build/pick-corpus.mjs), and hazard cases (a must-not-change
 * input with the `unsafe.Dockerfile` an unsafe rewrite produced), from the fixtures and from cases/ here. A case folder
 * holds `input.Dockerfile` and optionally `output.Dockerfile`, `options.json`, `context/` and `unsafe.Dockerfile`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitFixtureOptions } from '../../src/testing/apply.js';
import { fixtureContext } from '../../src/testing/fixtures.js';

/** The repository root (this file runs from dist/test/real-build). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The sources of this suite (data files live beside the TypeScript, not in dist). */
export const SUITE_DIR = join(PROJECT_ROOT, 'test/real-build');

/** The transforms on by default, whose fixtures are proven. */
export const DEFAULT_FIXTURE_DIRS = ['merge-runs', 'reorder-stable', 'split-manifest-copy'];
/** Transforms off by default whose every fixture is proven too (turned on with the case's options), as they change layers. */
const PROVEN_OPT_IN_DIRS = ['copy-chown'];

export interface PipelineInput {
  /** The options passed to `transform()` (a fixture's options.json go to its own transform). */
  options: Record<string, unknown>;
  /** The path the text is said to live at (split-manifest-copy reads its build context from there). */
  path?: string;
  /** The stage the file is built to (`--target`), from a fixture's `buildTarget`. */
  target?: string;
  /** Build arguments (`--build-arg`), from a fixture's `buildArgs`. */
  args?: Record<string, string>;
}

export interface Case {
  /** A stable name, e.g. `fixture merge-runs/chain-of-three`. */
  id: string;
  kind: 'fixture' | 'example' | 'corpus' | 'hazard';
  input: string;
  /** The build context, or undefined for an empty one. */
  contextDir?: string;
  pipeline: PipelineInput;
  /** Hazard cases: the unsafe rewrite, which must not build the same image. */
  unsafe?: string;
  /** Where the case lives, relative to the repository. */
  source: string;
}

function pipelineFor(
  transformName: string | undefined,
  options: Record<string, unknown>,
  path?: string,
): PipelineInput {
  // As the fixture harness reads options.json.
  const { build, printer, own } = splitFixtureOptions(options);
  const settings =
    transformName && (Object.keys(own).length > 0 || !DEFAULT_FIXTURE_DIRS.includes(transformName))
      ? { transforms: { [transformName]: own } }
      : {};
  return {
    options: { ...printer, ...settings, ...(Object.keys(build).length ? { build } : {}) },
    ...(path ? { path } : {}),
    ...(build.target ? { target: build.target } : {}),
    ...(build.args ? { args: build.args } : {}),
  };
}

function readOptional(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

function caseFolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory() && existsSync(join(dir, name, 'input.Dockerfile')))
    .sort();
}

/** A case folder (`input.Dockerfile`, optional `options.json`, `context/`, `unsafe.Dockerfile`). */
function readCaseFolder(dir: string, id: string, transformName: string | undefined, kind: 'fixture' | 'hazard'): Case {
  const input = readFileSync(join(dir, 'input.Dockerfile'), 'utf8');
  const optionsText = readOptional(join(dir, 'options.json'));
  const options = optionsText ? (JSON.parse(optionsText) as Record<string, unknown>) : {};
  const contextDir = fixtureContext(dir);
  const unsafe = readOptional(join(dir, 'unsafe.Dockerfile'));
  return {
    id,
    kind: unsafe !== undefined ? 'hazard' : kind,
    input,
    ...(contextDir ? { contextDir } : {}),
    pipeline: pipelineFor(transformName, options, contextDir ? join(contextDir, 'Dockerfile') : undefined),
    ...(unsafe !== undefined ? { unsafe } : {}),
    source: relative(PROJECT_ROOT, dir),
  };
}

/**
 * Fixture cases: every case of the default transforms' and copy-chown's fixtures, and from every fixture folder the cases that hold an
 * `unsafe.Dockerfile` (hazard cases: their transform is turned on with the case's options).
 */
export function fixtureCases(root = join(PROJECT_ROOT, '__fixtures__')): Case[] {
  const cases: Case[] = [];
  if (!existsSync(root)) return cases;
  for (const transformName of readdirSync(root).sort()) {
    const dir = join(root, transformName);
    if (!statSync(dir).isDirectory()) continue;
    const all = DEFAULT_FIXTURE_DIRS.includes(transformName) || PROVEN_OPT_IN_DIRS.includes(transformName);
    for (const name of caseFolders(dir)) {
      if (!all && !existsSync(join(dir, name, 'unsafe.Dockerfile'))) continue;
      cases.push(readCaseFolder(join(dir, name), `fixture ${transformName}/${name}`, transformName, 'fixture'));
    }
  }
  return cases;
}

/** This suite's own hazard cases under test/real-build/cases (the default pipeline, no options). */
export function ownHazardCases(root = join(SUITE_DIR, 'cases')): Case[] {
  return caseFolders(root).map((name) => {
    const c = readCaseFolder(join(root, name), `hazard ${name}`, undefined, 'hazard');
    if (c.unsafe === undefined)
      throw new Error(`${c.source} has no unsafe.Dockerfile: every case here is a hazard case`);
    return c;
  });
}

function findDockerfiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) {
      if (name === 'node_modules' || name === '__fixtures__' || name.startsWith('.')) continue;
      out.push(...findDockerfiles(full));
    } else if (
      /^(Dockerfile|Containerfile)(\..+)?$|\.(Dockerfile|Containerfile)$/i.test(name) &&
      !name.endsWith('.dockerignore')
    )
      out.push(full);
  }
  return out;
}

/** The example apps: every Dockerfile under examples/ (plugin fixtures aside), built with its folder as context. */
export function exampleCases(root = join(PROJECT_ROOT, 'examples')): Case[] {
  if (!existsSync(root)) return [];
  return findDockerfiles(root).map((file) => ({
    id: `example ${relative(root, file)}`,
    kind: 'example' as const,
    input: readFileSync(file, 'utf8'),
    contextDir: dirname(file),
    pipeline: { options: {}, path: file },
    source: relative(PROJECT_ROOT, file),
  }));
}

/** The corpus of real Dockerfiles: $LAYERFIX_CORPUS/real, test/corpus/real, or ../shared/corpus/real. */
export function corpusRealDir(): string {
  const candidates = [
    process.env.LAYERFIX_CORPUS && join(resolve(process.env.LAYERFIX_CORPUS), 'real'),
    join(PROJECT_ROOT, 'test/corpus/real'),
    join(PROJECT_ROOT, '../shared/corpus/real'),
  ].filter(Boolean) as string[];
  const found = candidates.find((dir) => existsSync(dir));
  if (!found)
    throw new Error(
      `No corpus of real Dockerfiles: looked in ${candidates.join(', ')}. Set LAYERFIX_CORPUS to a folder holding real/.`,
    );
  return found;
}

export interface CorpusSample {
  rule: string;
  /** `lines`: only that many first lines are used (the file's longest prefix that fits the rule). */
  files: { file: string; lines?: number; why: string }[];
}

export const CORPUS_SAMPLE = join(SUITE_DIR, 'corpus-sample.json');

/** The corpus sample listed in corpus-sample.json; a listed file that is missing is an error, never skipped. */
export function corpusCases(): Case[] {
  const sample = JSON.parse(readFileSync(CORPUS_SAMPLE, 'utf8')) as CorpusSample;
  const dir = corpusRealDir();
  return sample.files.map(({ file, lines }) => {
    const full = join(dir, file);
    if (!existsSync(full)) throw new Error(`corpus-sample.json lists ${file}, which is not in ${dir}`);
    const text = readFileSync(full, 'utf8');
    const input =
      lines === undefined
        ? text
        : text
            .split(/(?<=\n)/)
            .slice(0, lines)
            .join('');
    // Built with an empty context, so the pipeline gets no path either (a corpus file's folder is not its context).
    const id = `corpus ${file}${lines === undefined ? '' : ` (lines 1-${lines})`}`;
    return { id, kind: 'corpus' as const, input, pipeline: { options: {} }, source: relative(PROJECT_ROOT, full) };
  });
}

/** Every case, in a stable order. */
export function allCases(): Case[] {
  return [...fixtureCases(), ...exampleCases(), ...corpusCases(), ...ownHazardCases()];
}
