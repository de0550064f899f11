/**
 * The pre-commit hooks (.pre-commit-hooks.yaml) and the GitHub Action (action.yml), run as their hosts run them: the
 * YAML is read with js-yaml, the files a hook gets are chosen with its own `files`/`exclude` patterns, and the
 * commands (`entry`, each step's `run` with its `env`) are run on a temporary repository with the built CLI standing
 * in for the installed `layerfix`.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isDockerfileName } from '../src/runner/names.js';
import { BIN, makeRepo, ROOT, type Repo } from './helpers/cli-repo.js';

const MERGEABLE = 'FROM alpine\nRUN apk add curl\nRUN curl -V\n';
const MERGED = 'FROM alpine\nRUN apk add curl && curl -V\n';

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  exclude: string;
}

interface Step {
  name: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

function hooks(): Hook[] {
  return yaml.load(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
}

function repository(): Repo {
  return makeRepo({
    Dockerfile: MERGEABLE,
    'docker/Containerfile.dev': MERGEABLE,
    'svc/api.Dockerfile': MERGED,
    'svc/Dockerfile_prod': MERGEABLE,
    'Dockerfile.dockerignore': 'node_modules\n',
    'README.md': '# app\n',
  });
}

/** The files pre-commit would pass a hook: the repository's files its `files` pattern matches and `exclude` does not. */
function filesFor(hook: Hook, repo: Repo): string[] {
  const files = new RegExp(hook.files);
  const exclude = new RegExp(hook.exclude);
  return repo.list().filter((path) => files.test(path) && !exclude.test(path));
}

/** Run a hook's entry as pre-commit does (entry words, then the files), the built CLI standing for `layerfix`. */
function runEntry(hook: Hook, repo: Repo, files: string[]) {
  const [command, ...args] = hook.entry.split(/\s+/);
  assert.is(command, 'layerfix', 'the entry runs the package bin');
  const run = spawnSync(process.execPath, [BIN, ...args, ...files], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('.pre-commit-hooks.yaml: the hooks pick exactly the files layerfix takes for Dockerfiles', () => {
  const all = hooks();
  assert.equal(
    all.map((hook) => hook.id),
    ['layerfix', 'layerfix-check'],
  );
  const names = [
    'Dockerfile',
    'a/Dockerfile.dev',
    'Dockerfile-dev',
    'x/Dockerfile_prod',
    'dockerfile',
    'api.Dockerfile',
    'b/api.dockerfile',
    'Containerfile',
    'Containerfile.gpu',
    'c.containerfile',
  ];
  const others = [
    'Dockerfile.dockerignore',
    'a/Containerfile.containerignore',
    'README.md',
    'dockerfile.go',
    'Dockerfiles',
    'MyDockerfile',
    'docker/compose.yaml',
  ];
  for (const hook of all) {
    assert.is(hook.language, 'node');
    const picks = (path: string) => new RegExp(hook.files).test(path) && !new RegExp(hook.exclude).test(path);
    for (const path of [...names, ...others])
      assert.is(picks(path), isDockerfileName(path.slice(path.lastIndexOf('/') + 1)), `${hook.id}: ${path}`);
  }
});

test('the layerfix-check hook fails on the files that would change and says how to fix them; the layerfix hook fixes them', () => {
  const repo = repository();
  try {
    const [write, check] = hooks();
    const files = filesFor(check, repo);
    assert.equal(files, ['Dockerfile', 'docker/Containerfile.dev', 'svc/Dockerfile_prod', 'svc/api.Dockerfile']);
    const before = repo.snapshot();
    const checked = runEntry(check, repo, files);
    assert.is(checked.code, 1, checked.stderr);
    assert.equal(
      checked.stdout
        .trim()
        .split('\n')
        .map((line) => line.split(':')[0]),
      ['Dockerfile', 'docker/Containerfile.dev', 'svc/Dockerfile_prod'],
    );
    assert.match(
      checked.stderr,
      /^layerfix: to apply the changes, run: layerfix --write Dockerfile docker\/Containerfile\.dev svc\/Dockerfile_prod$/m,
    );
    assert.equal(repo.snapshot(), before);

    const written = runEntry(write, repo, filesFor(write, repo));
    assert.is(written.code, 0, written.stderr);
    for (const path of ['Dockerfile', 'docker/Containerfile.dev', 'svc/Dockerfile_prod'])
      assert.is(repo.read(path), MERGED, path);
    assert.is(runEntry(check, repo, files).code, 0, 'nothing left to change');
    // pre-commit may pass a file that is gone by the time the hook runs (a rename in the same commit).
    assert.is(runEntry(check, repo, [...files, 'deleted/Dockerfile']).code, 0);
  } finally {
    repo.remove();
  }
});

test('action.yml: a composite action whose check step annotates the pull request and fails, and whose SARIF step writes the report', () => {
  const action = yaml.load(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    runs: { using: string; steps: Step[] };
    inputs: Record<string, { default: string }>;
  };
  assert.is(action.runs.using, 'composite');
  const steps = action.runs.steps;
  const install = steps.find((step) => step.name === 'Install layerfix')!;
  assert.match(install.run!, /layerfix@\$LAYERFIX_VERSION/);
  assert.is(install.env!.LAYERFIX_VERSION, '${{ inputs.version }}');
  assert.match(install.run!, /LAYERFIX=.*>> "\$GITHUB_ENV"/);
  const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
  assert.is(upload.with!.sarif_file, '${{ inputs.sarif-file }}');
  assert.match(upload.if!, /inputs\.sarif == 'true'/);

  const repo = repository();
  try {
    // The installed bin, as the install step leaves it: a command named by $LAYERFIX.
    repo.write('.bin/layerfix', `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(repo.path('.bin/layerfix'), 0o755);
    const inputs: Record<string, string> = Object.fromEntries(
      Object.entries(action.inputs).map(([name, input]) => [name, input.default]),
    );
    inputs.sarif = 'true';
    const runStep = (step: Step) => {
      const env: Record<string, string> = { ...process.env, LAYERFIX: repo.path('.bin/layerfix') } as Record<
        string,
        string
      >;
      for (const [name, value] of Object.entries(step.env ?? {}))
        env[name] = value.replace(/\$\{\{ inputs\.([\w-]+) \}\}/g, (_, input: string) => inputs[input]);
      assert.is(step.shell, 'bash');
      return spawnSync('bash', ['-e', '-c', step.run!], { cwd: repo.dir, encoding: 'utf8', env });
    };
    const check = runStep(steps.find((step) => step.name === 'layerfix --check')!);
    assert.is(check.status, 1, check.stderr);
    assert.match(
      check.stdout,
      /^::warning file=Dockerfile,line=\d,col=1,.*title=layerfix merge-runs::Would merge RUN at 3:1 into RUN at 2:1$/m,
    );
    assert.match(check.stdout, /^::warning file=svc\/Dockerfile_prod,/m);
    const sarif = runStep(steps.find((step) => step.name === 'SARIF report')!);
    assert.is(sarif.status, 0, sarif.stderr);
    const log = JSON.parse(repo.read('layerfix.sarif'));
    assert.is(log.version, '2.1.0');
    assert.ok(log.runs[0].results.some((result: { ruleId: string }) => result.ruleId === 'merge-runs'));
    assert.equal(
      repo.snapshot().get('Dockerfile'),
      Buffer.from(MERGEABLE).toString('base64'),
      'the action writes nothing',
    );
  } finally {
    repo.remove();
  }
});

test.run();
