/**
 * The fixture harness for transforms, built-in or from plugins: `<dir>/<case>/input.Dockerfile`, `output.Dockerfile`
 * (absent: the input must not change), `options.json` and `messages.txt`. Works under any test runner: a failing
 * case throws an AssertionError.
 */
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnyTransform } from '../engine/index.js';
import { applyTransform, formatMessages } from './apply.js';
import { checkCase } from './check.js';

export { applyTransform, formatMessages } from './apply.js';

/** One fixture case read from disk. */
export interface Fixture {
  name: string;
  dir: string;
  input: string;
  /** Expected output; undefined means the input must come back unchanged. */
  output?: string;
  /** The transform's options for this case. */
  options: Record<string, unknown>;
  /** Expected messages, one `line:column kind: reason` per line. */
  messages?: string;
  /** `<context>/Dockerfile` when the case has a `context/` folder (a build context, see {@link fixtureContext}), else undefined. */
  path?: string;
}

/** Read the fixture cases under `dir`, one folder each, sorted by name. */
export function loadFixtures(dir: string): Fixture[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
    .map((name) => readFixture(join(dir, name), name));
}

function readFixture(caseDir: string, name: string): Fixture {
  const read = (file: string) =>
    existsSync(join(caseDir, file)) ? readFileSync(join(caseDir, file), 'utf8') : undefined;
  const input = read('input.Dockerfile');
  if (input === undefined) throw new Error(`Fixture ${caseDir} has no input.Dockerfile`);
  const options = read('options.json');
  let parsed: Record<string, unknown> = {};
  if (options) {
    try {
      parsed = JSON.parse(options);
    } catch (error) {
      throw new Error(`Fixture ${caseDir}: options.json is not valid JSON: ${(error as Error).message}`);
    }
  }
  const context = fixtureContext(caseDir);
  const path = context === undefined ? undefined : join(context, 'Dockerfile');
  return {
    name,
    dir: caseDir,
    input,
    output: read('output.Dockerfile'),
    options: parsed,
    messages: read('messages.txt'),
    ...(path ? { path } : {}),
  };
}

/** A folder name that stands for `.git` in a fixture's context: git cannot store a `.git` folder inside a repository. */
const DOT_GIT_STAND_IN = 'dot-git';

const materialized = new Map<string, string>();

/**
 * The build context of a fixture case: a copy of its `context/` folder, or undefined when it has none. The copy is
 * made once per process in a temporary folder (removed at exit), outside any git work tree, so what the case holds is
 * all there is (the repository the fixtures live in, its ignore rules and what it commits do not count); a `dot-git`
 * folder there is named `.git`.
 */
export function fixtureContext(caseDir: string): string | undefined {
  const context = join(caseDir, 'context');
  if (!existsSync(context)) return undefined;
  let copy = materialized.get(context);
  if (copy === undefined) {
    if (materialized.size === 0)
      process.once('exit', () =>
        materialized.forEach((dir) => rmSync(join(dir, '..'), { recursive: true, force: true })),
      );
    copy = join(mkdtempSync(join(tmpdir(), 'layerfix-fixture-')), 'context');
    cpSync(context, copy, { recursive: true, verbatimSymlinks: true });
    if (existsSync(join(copy, DOT_GIT_STAND_IN))) renameSync(join(copy, DOT_GIT_STAND_IN), join(copy, '.git'));
    materialized.set(context, copy);
  }
  return copy;
}

/** Check one fixture case; with `update`, first write its missing expected files (never overwriting one). */
export async function checkFixture(subject: AnyTransform, fixture: Fixture, update = false): Promise<void> {
  if (update && (fixture.output === undefined || fixture.messages === undefined)) {
    const result = await applyTransform(subject, fixture.input, fixture.options, fixture.path);
    if (fixture.output === undefined && result.text !== fixture.input)
      writeFileSync(join(fixture.dir, 'output.Dockerfile'), result.text);
    if (fixture.messages === undefined)
      writeFileSync(join(fixture.dir, 'messages.txt'), formatMessages(result.messages));
    fixture = readFixture(fixture.dir, fixture.name);
  }
  await checkCase(subject, fixture);
}
