/**
 * BuildKit's build-check test data (`test/peer/buildkit-checks`: its rules and its own test cases) and how the tests run
 * layerfix's check transforms on one case: in a folder of its own holding the Dockerfile and its `.dockerignore`, as
 * BuildKit's test does.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildkitChecks } from '../../transforms/checks/index.js';
import { transform } from '../../src/registry.js';
import { parse, stages, type LayerfixMessage, type TransformResult } from '../../src/engine/index.js';
import { PROJECT_ROOT } from './corpus.js';

/** One expected warning. */
export interface ExpectedWarning {
  rule: string;
  line: number;
  detail: string;
}

/** One case of BuildKit's check tests (see the data's README). */
export interface CheckCase {
  id: string;
  dockerfile: string;
  dockerignore: string | null;
  buildArgs?: Record<string, string>;
  experimental: boolean;
  warnings: ExpectedWarning[];
  unmarshalWarnings?: ExpectedWarning[];
  buildError: boolean;
  buildErrorMessage?: string;
  notes?: string[];
}

/** One of BuildKit's rules. */
export interface CheckRule {
  rule: string;
  description: string;
  url: string | null;
  experimental: boolean;
  docExamples: { bad: string[]; good: string[] };
}

const dataDir = join(PROJECT_ROOT, 'test/peer/buildkit-checks');

/** The 87 cases of `cases.json`; throws when the data is missing or cut short. */
export function checkCases(): CheckCase[] {
  const cases = JSON.parse(readFileSync(join(dataDir, 'cases.json'), 'utf8')) as CheckCase[];
  if (cases.length !== 87) throw new Error(`${dataDir}/cases.json holds ${cases.length} cases; expected 87`);
  return cases;
}

/** The 22 rules of `rules.json`. */
export function checkRules(): CheckRule[] {
  const rules = JSON.parse(readFileSync(join(dataDir, 'rules.json'), 'utf8')) as CheckRule[];
  if (rules.length !== 22) throw new Error(`${dataDir}/rules.json holds ${rules.length} rules; expected 22`);
  return rules;
}

/** The names of the check transforms. */
export const CHECK_NAMES = buildkitChecks.map((check) => check.name);

/** Settings that run every check with its fix on (`true`) or off (`false`, so that every violation is a finding). */
export function checkSettings(fix: boolean): Record<string, Record<string, unknown>> {
  return Object.fromEntries(buildkitChecks.map((check) => [check.name, 'fix' in check.options ? { fix } : {}]));
}

let scratch: string | undefined;

/** Write a case to a folder of its own (Dockerfile, .dockerignore) and return the Dockerfile's path. */
export function writeCase(id: string, dockerfile: string, dockerignore: string | null): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'layerfix-checks-'));
  const dir = join(scratch, id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  if (dockerignore !== null) writeFileSync(join(dir, '.dockerignore'), dockerignore);
  return join(dir, 'Dockerfile');
}

/** The last stage's name, which a build without `--target` builds; undefined when it has none. */
export function lastStageName(text: string): string | undefined {
  const all = stages(parse(text));
  return all[all.length - 1]?.name;
}

/**
 * Run only the checks on a text at `path` (`fix`: with their fixes on), for a build passing `args` to `target` (none:
 * every stage is checked, as `docker build --check` does).
 */
export function runChecks(
  text: string,
  path: string | undefined,
  options: { fix: boolean; args?: Record<string, string>; target?: string },
): Promise<TransformResult> {
  const build = {
    ...(options.args ? { args: options.args } : {}),
    ...(options.target ? { target: options.target } : {}),
  };
  return transform(text, {
    only: CHECK_NAMES,
    transforms: checkSettings(options.fix),
    ...(path ? { path } : {}),
    build,
  });
}

/** The warnings a result reports for BuildKit's rules (findings, and errors under `check=error=true`), sorted as BuildKit's test sorts them. */
export function warningsOf(result: TransformResult): ExpectedWarning[] {
  return result.messages
    .filter((m: LayerfixMessage) => (m.kind === 'finding' || m.kind === 'error') && m.rule !== undefined)
    .map((m) => ({ rule: m.rule!, line: m.line ?? 0, detail: m.reason }))
    .sort((a, b) => a.line - b.line || (a.detail < b.detail ? -1 : a.detail > b.detail ? 1 : 0));
}
