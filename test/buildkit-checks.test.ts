/**
 * Agreement with BuildKit's own build-check tests: every case of `test/peer/buildkit-checks/cases.json` is run through
 * layerfix's check transforms (fixes off, so every violation is a finding) and must report the same rules on the same
 * lines with the same text, and nothing else. Two ways, as BuildKit's test does: a build (the last stage and the
 * stages it needs) against `warnings`, and a lint of every stage against `unmarshalWarnings` where a case gives them.
 * A case layerfix cannot match is listed below with the reason, and the test checks it still does not match.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildkitChecks } from '../transforms/checks/index.js';
import { kebabCase, ruleUrl } from '../transforms/checks/support.js';
import {
  checkCases,
  checkRules,
  lastStageName,
  runChecks,
  warningsOf,
  writeCase,
  type ExpectedWarning,
} from './helpers/buildkit-checks.js';

/** Cases layerfix does not match, and why. */
const UNMATCHED: Record<string, string> = {
  'testWarningsBeforeError-1':
    'the file has an unknown instruction (BADCMD), which BuildKit reports as a parse error after the warnings of the instructions before it; layerfix runs no transform on a file that does not parse, so it reports the error alone',
};

/** Cases whose expected lines BuildKit's test never compares and gets wrong (see the data's notes): compared without lines. */
const LINES_NOT_COMPARED = new Set(['testLegacyKeyValueFormat-3']);

const cases = checkCases();
const show = (list: ExpectedWarning[]) => list.map((w) => `${w.line} ${w.rule}: ${w.detail}`);

test('one check transform per BuildKit rule but InvalidBaseImagePlatform, named and documented as BuildKit names it', () => {
  const rules = checkRules();
  const byName = new Map(buildkitChecks.map((check) => [check.name, check]));
  for (const rule of rules) {
    const check = byName.get(kebabCase(rule.rule));
    if (rule.rule === 'InvalidBaseImagePlatform') {
      assert.not.ok(check, 'InvalidBaseImagePlatform needs the registry: no transform');
      continue;
    }
    assert.ok(check, `a transform for ${rule.rule}`);
    assert.is(ruleUrl(rule.rule), rule.url, `${rule.rule}: its warnings link BuildKit's page`);
    assert.is(
      check!.defaultEnabled,
      true,
      `${rule.rule}: on by default (the experimental rule reports only where a file opts in)`,
    );
  }
  assert.is(buildkitChecks.length, rules.length - 1);
});

let matched = 0;
for (const c of cases) {
  test(`${c.id}: the same warnings as BuildKit`, async () => {
    const path = writeCase(c.id, c.dockerfile, c.dockerignore);
    const target = lastStageName(c.dockerfile);
    const build = await runChecks(c.dockerfile, path, {
      fix: false,
      ...(c.buildArgs ? { args: c.buildArgs } : {}),
      ...(target ? { target } : {}),
    });
    const lint = await runChecks(c.dockerfile, path, { fix: false, ...(c.buildArgs ? { args: c.buildArgs } : {}) });
    const problems: string[] = [];
    const got = warningsOf(build);
    for (const m of build.messages)
      if (m.rule) assert.is(m.url, ruleUrl(m.rule), `${c.id}: a ${m.rule} warning links BuildKit's page`);
    if (JSON.stringify(got) !== JSON.stringify(c.warnings))
      problems.push(`build: got ${JSON.stringify(show(got))}, BuildKit ${JSON.stringify(show(c.warnings))}`);
    const expectedLint = c.unmarshalWarnings ?? c.warnings;
    const strip = (list: ExpectedWarning[]) =>
      LINES_NOT_COMPARED.has(c.id) ? list.map((w) => ({ ...w, line: 0 })) : list;
    const key = (w: ExpectedWarning) => `${w.line} ${w.rule}: ${w.detail}`;
    const gotLint = strip(warningsOf(lint)).map(key).sort();
    const wantLint = strip(expectedLint).map(key).sort();
    if (JSON.stringify(gotLint) !== JSON.stringify(wantLint))
      problems.push(`lint: got ${JSON.stringify(gotLint)}, BuildKit ${JSON.stringify(wantLint)}`);
    // `check=error=true` fails BuildKit's build on a warning; layerfix then fails the file with the warning as an error.
    const lintError = c.buildErrorMessage?.startsWith('lint violation found for rules: ') ?? false;
    const failed = build.messages.some((m) => m.kind === 'error' && m.rule !== undefined);
    if (failed !== lintError)
      problems.push(
        `check=error=true: BuildKit ${lintError ? 'fails' : 'does not fail'} the build, layerfix ${failed ? 'fails' : 'does not fail'} the file`,
      );
    if (lintError) {
      const rules = c.buildErrorMessage!.slice('lint violation found for rules: '.length).split(', ').sort();
      const errors = [
        ...new Set(build.messages.filter((m) => m.kind === 'error' && m.rule).map((m) => m.rule!)),
      ].sort();
      if (JSON.stringify(rules) !== JSON.stringify(errors))
        problems.push(`check=error=true: BuildKit names ${rules.join(', ')}, layerfix ${errors.join(', ')}`);
    }
    if (c.id in UNMATCHED) {
      assert.ok(problems.length > 0, `${c.id} now matches BuildKit: remove it from UNMATCHED`);
      return;
    }
    assert.equal(problems, [], `${c.id}`);
    matched++;
  });
}

test('figures', () => {
  assert.is(matched, cases.length - Object.keys(UNMATCHED).length);
  console.log(
    `  BuildKit check cases matched: ${matched} of ${cases.length}; not matched: ${Object.entries(UNMATCHED)
      .map(([id, why]) => `${id} (${why})`)
      .join('; ')}`,
  );
});

test.run();
