/**
 * BuildKit's check transforms over every real Dockerfile of the corpus, every BuildKit parser case and every case of
 * BuildKit's check tests: reporting (fixes off) and fixing (every fix on). The fixes pass the meaning guard, the output
 * parses, a second run changes nothing, and a re-check of the output finds exactly the warnings the fixing run left
 * (those it declined to fix): no fix leaves a warning of its rule behind. Prints the figures per rule.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, type TransformResult } from '../src/engine/index.js';
import { buildkitChecks } from '../transforms/checks/index.js';
import { buildkitCasesDir, corpusFiles, walk } from './helpers/corpus.js';
import { checkCases, runChecks, writeCase } from './helpers/buildkit-checks.js';

interface Input {
  name: string;
  text: string;
  /** One of the real Dockerfiles of the corpus (the figures are theirs). */
  corpus?: boolean;
  path?: string;
  args?: Record<string, string>;
}

const hasParseErrors = (text: string) => parse(text).data.diagnostics.some((d) => d.severity === 'error');
const inputs: Input[] = [
  ...corpusFiles().map(([path, text]) => ({ name: path, text, path, corpus: true })),
  ...walk(join(buildkitCasesDir(), 'testfiles'))
    .filter((path) => path.endsWith('Dockerfile'))
    .map((path) => ({ name: path, text: readFileSync(path, 'utf8') })),
  ...checkCases().map((c) => ({
    name: c.id,
    text: c.dockerfile,
    path: writeCase(c.id, c.dockerfile, c.dockerignore),
    ...(c.buildArgs ? { args: c.buildArgs } : {}),
  })),
].filter((input) => !hasParseErrors(input.text));

/** Findings per rule transform. */
function findings(result: TransformResult): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of result.messages)
    if (m.kind === 'finding' && m.ruleId) out.set(m.ruleId, (out.get(m.ruleId) ?? 0) + 1);
  return out;
}

/** Per rule, over the corpus: files it warns about, files its fix changes, files where warnings are left after fixing. */
const figures = new Map(buildkitChecks.map((check) => [check.name, { warned: 0, fixed: 0, left: 0 }]));

test('reporting: no file fails, and nothing changes', async () => {
  for (const input of inputs) {
    const result = await runChecks(input.text, input.path, { fix: false, ...(input.args ? { args: input.args } : {}) });
    // Under `# check=error=true` a warning fails the file, as it fails BuildKit's build: no other error is expected.
    const fatal = result.messages.filter((m) => m.fatal && m.rule === undefined);
    assert.equal(
      fatal.map((m) => m.reason),
      [],
      `${input.name}: fails`,
    );
    assert.is(result.changed, false, `${input.name}: a check changed the file with its fix off`);
    if (input.corpus) for (const name of findings(result).keys()) figures.get(name)!.warned++;
  }
});

test('fixing: the guard holds, the output parses, a second run changes nothing, a re-check finds only what was left', async () => {
  let guardFailures = 0;
  for (const input of inputs) {
    const options = input.args ? { args: input.args } : {};
    const fixed = await runChecks(input.text, input.path, { fix: true, ...options });
    const fatal = fixed.messages.filter((m) => m.fatal && m.rule === undefined);
    if (fatal.length) guardFailures++;
    assert.equal(
      fatal.map((m) => m.reason),
      [],
      `${input.name}: fails`,
    );
    const left = findings(fixed);
    if (input.corpus) {
      for (const name of new Set(fixed.messages.filter((m) => m.kind === 'change').map((m) => m.ruleId!)))
        figures.get(name)!.fixed++;
      for (const name of left.keys()) figures.get(name)!.left++;
    }
    if (!fixed.changed) continue;
    assert.not.ok(hasParseErrors(fixed.text), `${input.name}: the output does not parse`);
    const again = await runChecks(fixed.text, input.path, { fix: true, ...options });
    assert.is(again.text, fixed.text, `${input.name}: a second run changes the output`);
    const recheck = findings(await runChecks(fixed.text, input.path, { fix: false, ...options }));
    for (const check of buildkitChecks) {
      assert.is(
        recheck.get(check.name) ?? 0,
        left.get(check.name) ?? 0,
        `${input.name}: re-checking the output finds ${check.name} warnings the fix run did not leave`,
      );
    }
  }
  assert.is(guardFailures, 0);
  console.log(
    `  ${inputs.length} files (corpus, BuildKit parser and check cases); 0 guard failures; every output idempotent`,
  );
  console.log(
    `  over the ${inputs.filter((input) => input.corpus).length} real Dockerfiles of the corpus, rule: files warned (fixes off) / files fixed (every fix on) / files with warnings left (fix declined or none)`,
  );
  for (const [name, f] of figures) console.log(`    ${name}: ${f.warned} / ${f.fixed} / ${f.left}`);
});

test.run();
