/**
 * Findings (`ctx.report`): a rule a file breaks, reported without a change. The engine keeps those of the last pass,
 * places them at the instruction (or the place given), fails the file for `severity: 'error'`; every reporter shows
 * them (text, JSON, SARIF with the rule's helpUri, GitHub annotations); `--check` fails on them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { defineTransform } from '../src/engine/define.js';
import { transform } from '../src/registry.js';
import { layerfixFiles } from '../src/runner/files.js';
import { annotation } from '../src/reporters/github.js';
import { jsonDocument } from '../src/reporters/json.js';
import { formatMessage } from '../src/reporters/message.js';
import { sarifLog } from '../src/reporters/sarif.js';
import { formatSummary } from '../src/reporters/summary.js';
import { exitCode } from '../src/cli/exit-code.js';
import type { ReporterContext } from '../src/reporters/types.js';

/** Reports every RUN; with `severity`, as an error. Also upper-cases `run` in its first pass, so that a second pass runs. */
const runs = defineTransform({
  name: 'no-run',
  description: 'Report every RUN.',
  url: 'https://example.org/no-run',
  defaultEnabled: true,
  meaning: 'layout',
  options: { error: { type: 'boolean', default: false, description: 'Report as errors.' } },
  run(ctx) {
    for (const view of ctx.instructions()) {
      if (view.name !== 'run') continue;
      if (view.keyword === 'run') ctx.edit.replace(view.node, view.logical.text.replace(/^run/, 'RUN'), 'same');
      ctx.report({
        message: `RUN ${view.args}`,
        node: view.node,
        rule: 'NoRun',
        url: 'https://example.org/rules/NoRun',
        ...(ctx.options.error ? { severity: 'error' } : {}),
      });
    }
  },
});

test('a finding is placed at its instruction in the input, kept once from the last pass, with its rule and url', async () => {
  const result = await transform('FROM alpine\nrun a\n\nRUN b\n', { only: ['no-run'], plugins: [runs] });
  const findings = result.messages.filter((m) => m.kind === 'finding');
  assert.equal(
    findings.map((m) => [m.line, m.column, m.reason, m.ruleId, m.rule, m.url, m.fatal]),
    [
      [2, 1, 'RUN a', 'no-run', 'NoRun', 'https://example.org/rules/NoRun', false],
      [4, 1, 'RUN b', 'no-run', 'NoRun', 'https://example.org/rules/NoRun', false],
    ],
  );
  assert.is(result.status, 'changed');
});

test('after a pass, only the transforms up to the last that edited run again; the others keep their findings and skips', async () => {
  const runs: string[] = [];
  const first = defineTransform({
    name: 'first',
    description: 'Upper-cases `from` once.',
    url: 'https://example.org/first',
    defaultEnabled: true,
    meaning: 'layout',
    options: {},
    run(ctx) {
      runs.push('first');
      for (const view of ctx.instructions())
        if (view.keyword === 'from') ctx.edit.replace(view.node, view.logical.text.replace(/^from/, 'FROM'), 'same');
    },
  });
  const second = defineTransform({
    name: 'second',
    description: 'Reports the FROM and declines.',
    url: 'https://example.org/second',
    defaultEnabled: true,
    meaning: 'layout',
    options: {},
    run(ctx) {
      runs.push('second');
      const [from] = ctx.instructions();
      ctx.report({ message: `FROM ${from.args}`, node: from.node });
      ctx.skipped('Nothing to do', from.node);
    },
  });
  const result = await transform('from alpine\n', { only: ['first', 'second'], plugins: [first, second] });
  assert.is(result.text, 'FROM alpine\n');
  assert.equal(runs, ['first', 'second', 'first']);
  assert.equal(
    result.messages.map((m) => [m.kind, m.ruleId, m.reason]),
    [
      ['skip', 'second', 'Nothing to do'],
      ['finding', 'second', 'FROM alpine'],
    ],
  );
});

test('a finding with severity error fails the file, which is left untouched', async () => {
  const result = await transform('FROM alpine\nrun a\n', {
    only: ['no-run'],
    plugins: [runs],
    transforms: { 'no-run': { error: true } },
  });
  assert.is(result.status, 'error');
  assert.is(result.text, 'FROM alpine\nrun a\n');
  assert.equal(
    result.messages.map((m) => [m.kind, m.rule, m.fatal]),
    [['error', 'NoRun', true]],
  );
});

test("a disable comment turns a check off like any transform, and a `# check=skip=` directive turns BuildKit's rule off", async () => {
  const text = 'FROM alpine as base\n# layerfix-disable-next-line from-as-casing\nFROM alpine as other\n';
  const result = await transform(text, { only: ['from-as-casing'], transforms: { 'from-as-casing': { fix: false } } });
  assert.equal(
    result.messages.map((m) => [m.line, m.kind]),
    [[1, 'finding']],
  );
  const skipped = await transform(`# check=skip=FromAsCasing\n${text}`, { only: ['from-as-casing'] });
  assert.is(skipped.changed, false);
  assert.equal(
    skipped.messages.filter((m) => m.kind !== 'warning'),
    [],
  );
});

test('every reporter shows a finding; --check fails on it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'layerfix-findings-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine\nCMD run-me\n');
    const report = await layerfixFiles(['Dockerfile'], { cwd: dir, concurrency: 1, only: ['json-args-recommended'] });
    const [file] = report.files;
    const [finding] = file.messages;
    assert.equal(
      [finding.kind, finding.ruleId, finding.rule, finding.line],
      ['finding', 'json-args-recommended', 'JSONArgsRecommended', 2],
    );
    assert.is(report.summary.findings, 1);
    assert.is(
      formatMessage(file.path, finding, false),
      'Dockerfile:2:1: warning: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals [json-args-recommended (JSONArgsRecommended)]',
    );
    const context: ReporterContext = {
      mode: 'check',
      explain: false,
      out: { write() {} },
      err: { write() {} },
      color: { out: false, err: false },
      cwd: dir,
      version: '0',
    };
    assert.is(
      annotation(file, finding, context),
      '::warning file=Dockerfile,line=2,col=1,endLine=3,title=layerfix json-args-recommended (JSONArgsRecommended)::JSON arguments recommended for CMD to prevent unintended behavior related to OS signals',
    );
    const json = jsonDocument(report, context) as {
      files: Array<{ messages: Array<{ kind: string; rule?: string }> }>;
    };
    assert.equal([json.files[0].messages[0].kind, json.files[0].messages[0].rule], ['finding', 'JSONArgsRecommended']);
    const sarif = sarifLog(report, context, [
      { id: 'json-args-recommended', description: 'x', url: 'https://example.org/layerfix' },
    ]) as {
      runs: Array<{
        tool: { driver: { rules: Array<{ helpUri?: string }> } };
        results: Array<{ level: string; properties?: { rule?: string } }>;
      }>;
    };
    assert.is(
      sarif.runs[0].tool.driver.rules[0].helpUri,
      'https://docs.docker.com/go/dockerfile/rule/json-args-recommended/',
    );
    assert.equal(
      [sarif.runs[0].results[0].level, sarif.runs[0].results[0].properties?.rule],
      ['warning', 'JSONArgsRecommended'],
    );
    assert.match(formatSummary(report.summary, 'check'), /; findings: 1$/);
    assert.is(exitCode(report.summary, 'check'), 1);
    assert.is(exitCode(report.summary, 'dry-run'), 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file named Containerfile keeps its EXPOSE protocols and stage names: podman and buildah keep them as written (red team 23)', async () => {
  const text = 'FROM debian:bookworm-slim AS Builder\nRUN true\n\nFROM Builder AS final\nEXPOSE 5060/UDP\n';
  const result = await transform(text, {
    path: '/srv/app/Containerfile',
    only: ['expose-proto-casing', 'stage-name-casing'],
  });
  assert.is(result.text, text);
  assert.match(
    result.messages.map((m) => m.reason).join('\n'),
    'Kept 5060/UDP: podman or buildah may build the file (its name, Containerfile)',
  );
  const variant = await transform(text, { path: '/srv/app/prod.Containerfile', only: ['expose-proto-casing'] });
  assert.is(variant.text, text, 'prod.Containerfile');
  const dockerfile = await transform(text, { path: '/srv/app/Dockerfile', only: ['expose-proto-casing'] });
  assert.match(dockerfile.text, 'EXPOSE 5060/udp');
});

test.run();
