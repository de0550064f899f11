/**
 * split-manifest-copy beyond its fixtures: the .dockerignore matcher, the manifest readers, contexts that cannot be
 * committed as fixtures (a `node_modules` folder), the default pipeline around it, and the corpus with real paths.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openBuildContext } from '../src/analysis/build-context.js';
import { readIni, readToml, readYaml, stringsOf, valueAt } from '../src/analysis/data-files.js';
import { satisfies } from '../src/analysis/ecosystems/cargo-lock.js';
import { environmentFiles } from '../src/analysis/ecosystems/common.js';
import { msbuildPath, solutionProjects } from '../src/analysis/ecosystems/msbuild.js';
import { localRequirement } from '../src/analysis/ecosystems/pip-requirements.js';
import { elementsNamed, readXml } from '../src/analysis/xml-files.js';
import { transform } from '../src/registry.js';
import { corpusFiles } from './helpers/corpus.js';

/** A build context in a temporary folder, with a Dockerfile path inside it. */
function contextWith(files: Record<string, string>): { dir: string; dockerfile: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'layerfix-context-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, dockerfile: join(dir, 'Dockerfile'), done: () => rmSync(dir, { recursive: true, force: true }) };
}

const only = { only: ['split-manifest-copy'] };
const NPM = { 'package.json': '{"name":"app"}\n', 'package-lock.json': '{}\n', 'index.js': '\n' };

test("build context: the Dockerfile's own <name>.dockerignore wins over the context's .dockerignore", () => {
  const context = contextWith({
    ...NPM,
    '.dockerignore': 'index.js\n',
    'Dockerfile.dockerignore': 'package-lock.json\n',
  });
  try {
    const lookup = openBuildContext(context.dockerfile, '');
    assert.ok('context' in lookup);
    if (!('context' in lookup)) return;
    assert.not.ok(lookup.context.has('package-lock.json'));
    assert.ok(lookup.context.has('index.js'));
    assert.not.ok(lookup.context.has('../outside'), 'paths never leave the context');
  } finally {
    context.done();
  }
});

test('build context: without a path only an absolute context option opens one', () => {
  assert.ok('reason' in openBuildContext(undefined, ''));
  assert.ok('reason' in openBuildContext(undefined, 'relative'));
  const context = contextWith(NPM);
  try {
    assert.ok('context' in openBuildContext(undefined, context.dir));
  } finally {
    context.done();
  }
});

test('pip requirements: a package only when it reads as a PEP 508 requirement by name or a remote URL', () => {
  for (const spec of [
    'flask',
    'flask==3.0.3',
    'requests[socks]>=2.32,<3',
    'uvloop==0.19.0 ; sys_platform != "win32"',
    'pkg @ https://example.com/pkg-1.0.tar.gz',
    'git+https://github.com/o/r.git#egg=r',
    'zope.interface~=6.0',
  ]) {
    assert.is(localRequirement(spec), undefined, spec);
  }
  for (const spec of [
    '.',
    '.[server]',
    'libs/greeting',
    './libs/greeting',
    'wheels/x-0.1-py3-none-any.whl',
    'x-0.1-py3-none-any.whl',
    'pkg-1.0.tar.gz',
    'pkg @ file:///src/pkg',
    'file:../pkg',
    'git+file:///app/vendor/mylib.git@v1#egg=mylib',
    '~/pkg',
  ]) {
    assert.is(localRequirement(spec), spec, spec);
  }
});

test('the environment: what each tool is pointed at, as paths (null when only known at build time)', () => {
  const paths = (ecosystem: string, vars: Record<string, string | undefined>) =>
    environmentFiles(new Map(Object.entries(vars)), ecosystem).map((read) => read.path);
  assert.equal(
    paths('npm', { NODE_EXTRA_CA_CERTS: 'certs/ca.pem', NODE_OPTIONS: '-r ./a.js --openssl-config=/app/o.cnf' }),
    ['certs/ca.pem', './a.js', '/app/o.cnf'],
  );
  assert.equal(paths('npm', { NODE_OPTIONS: '--max-old-space-size=4096' }), [], 'an option that names no file');
  assert.equal(paths('npm', { NODE_OPTIONS: undefined }), [null], 'a value only known at build time');
  assert.equal(paths('pip', { PYTHONPATH: '/app:/app/lib', XDG_CONFIG_HOME: '/app/config' }), [
    '/app/config/pip/pip.conf',
    '/app',
    '/app/lib',
  ]);
  assert.equal(paths('maven', { JAVA_TOOL_OPTIONS: '-Djavax.net.ssl.trustStore=certs/corp.jks -Xmx1g' }), [
    'certs/corp.jks',
  ]);
  assert.equal(paths('bundler', { RUBYOPT: '-r./boot.rb', GIT_CONFIG_GLOBAL: '/app/.gitconfig' }), [
    '/app/.gitconfig',
    './boot.rb',
  ]);
  assert.equal(paths('composer', { PHPRC: '/app/php.ini', OPENSSL_CONF: '/app/ssl.cnf' }), [
    '/app/ssl.cnf',
    '/app/php.ini',
  ]);
  assert.equal(paths('cargo', { GIT_SSH_COMMAND: 'ssh -i /app/deploy_key' }), ['/app/deploy_key']);
});

test('Cargo requirements: a bare version is a caret requirement, and partial comparators cover their whole range', () => {
  const cases: Array<[string, string, boolean]> = [
    ['1.0.200', '1.0.190', true],
    ['2.0.0', '1', false],
    ['0.2.9', '0.2.3', true],
    ['0.3.0', '0.2.3', false],
    ['0.0.4', '0.0.3', false],
    ['1.2.9', '~1.2.3', true],
    ['1.3.0', '~1.2.3', false],
    ['1.2.5', '>1.2', false],
    ['1.2.5', '<=1.2', true],
    ['1.5.0', '>=1.2, <1.5', false],
    ['3.9.0', '3.*', true],
    ['1.0.1', '=1.0.0', false],
  ];
  for (const [version, requirement, expected] of cases)
    assert.is(satisfies(version, requirement), expected, `${version} ${requirement}`);
});

test('XML: elements without namespace prefixes, attributes and trimmed text; MSBuild paths and solutions', () => {
  const pom = readXml(
    '\ufeff<?xml version="1.0"?>\n<p:project xmlns:p="urn:x"><p:modules><p:module> api </p:module><!-- <module>old</module> --></p:modules></p:project>',
  );
  assert.equal(
    elementsNamed(pom, 'module', true).map((module) => module.text),
    ['api'],
  );
  assert.throws(() => readXml('<Project><Import></Project>'));
  assert.is(msbuildPath('..\\Core\\Core.csproj'), '../Core/Core.csproj');
  assert.is(msbuildPath('$(MSBuildThisFileDirectory)..\\feed'), '../feed');
  assert.is(msbuildPath('$(SolutionDir)feed'), null);
  const sln =
    'Project("{2150E333-8FDC-42A3-9474-1A3956D46DE8}") = "src", "src", "{A}"\nEndProject\nProject("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Api", "src\\Api\\Api.csproj", "{B}"\nEndProject\n';
  assert.equal(solutionProjects('App.sln', sln), ['src/Api/Api.csproj']);
  assert.equal(
    solutionProjects(
      'App.slnx',
      '<Solution><Folder Name="/src/"><Project Path="src/Api/Api.csproj" /></Folder></Solution>',
    ),
    ['src/Api/Api.csproj'],
  );
  assert.equal(
    { ...readIni('cafile=certs/ca.pem\n; comment\n@corp:registry=https://npm.example.com/\n') },
    { cafile: 'certs/ca.pem', '@corp:registry': 'https://npm.example.com/' },
  );
});

test('manifest files: TOML and YAML read into plain values, walked by path; bad text throws', () => {
  const toml = readToml(
    '\ufeff[package]\nname = "demo"\n[workspace]\nmembers = ["crates/*", 1]\n[dependencies]\nlocal = { path = "../local" }\n',
  );
  assert.is(valueAt(toml, 'package', 'name'), 'demo');
  assert.equal(stringsOf(valueAt(toml, 'workspace', 'members')), ['crates/*']);
  assert.is(valueAt(toml, 'dependencies', 'local', 'path'), '../local');
  assert.is(valueAt(toml, 'package', 'name', 'deeper'), undefined);
  assert.throws(() => readToml('[package\nname = 1'));
  const yaml = readYaml(
    'packages:\n  - \'apps/*\'\n  - "packages/*" # comment\npatchedDependencies:\n  left-pad@1.3.0: patches/left-pad.patch\n',
  );
  assert.equal(stringsOf(valueAt(yaml, 'packages')), ['apps/*', 'packages/*']);
  assert.is(valueAt(yaml, 'patchedDependencies', 'left-pad@1.3.0'), 'patches/left-pad.patch');
  assert.throws(() => readYaml('a: !!js/function "x"\n'), 'no tags beyond the core schema');
  assert.throws(() => readYaml('packages: [a\n'));
});

test('a pnpm-workspace.yaml that is not valid YAML is a decline naming it', async () => {
  const context = contextWith({
    'package.json': '{"name":"x"}\n',
    'pnpm-lock.yaml': 'lockfileVersion: 9\n',
    'pnpm-workspace.yaml': 'packages: [apps/*\n',
    'index.js': '\n',
  });
  try {
    const text = 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN pnpm install --frozen-lockfile\n';
    const result = await transform(text, { ...only, path: context.dockerfile });
    assert.is(result.text, text);
    assert.match(result.messages.map((m) => m.reason).join('\n'), /pnpm-workspace\.yaml is not valid YAML/);
  } finally {
    context.done();
  }
});

test('pnpm: workspace packages injected by .npmrc, pnpm-workspace.yaml or the environment stop the split (red team 29)', async () => {
  const base = {
    'package.json': '{"name":"x","dependencies":{"lib":"workspace:*"}}\n',
    'pnpm-lock.yaml': 'lockfileVersion: 9\n',
    'lib/package.json': '{"name":"lib"}\n',
    'lib/index.js': '\n',
  };
  const cases: Array<[Record<string, string>, string, RegExp]> = [
    [{ '.npmrc': 'inject-workspace-packages=true\n' }, '', /\.npmrc sets inject-workspace-packages/],
    [
      { 'pnpm-workspace.yaml': 'packages: [lib]\ninjectWorkspacePackages: true\n' },
      '',
      /pnpm-workspace\.yaml sets injectWorkspacePackages/,
    ],
    [
      {},
      'ENV npm_config_inject_workspace_packages=true\n',
      /the command line or the environment sets inject-workspace-packages/,
    ],
  ];
  for (const [files, env, reason] of cases) {
    const context = contextWith({ 'pnpm-workspace.yaml': 'packages: [lib]\n', ...base, ...files });
    try {
      const text = `FROM node:20\n${env}WORKDIR /app\nCOPY . .\nRUN pnpm install --frozen-lockfile\n`;
      const result = await transform(text, { ...only, path: context.dockerfile });
      assert.is(result.text, text);
      assert.match(result.messages.map((m) => m.reason).join('\n'), reason);
    } finally {
      context.done();
    }
  }
  // Without injection the workspace package is a link to its folder, which the COPY fills: the split goes ahead.
  const plain = contextWith({ 'pnpm-workspace.yaml': 'packages: [lib]\n', ...base });
  try {
    const text = 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN pnpm install --frozen-lockfile\n';
    const result = await transform(text, { ...only, path: plain.dockerfile });
    assert.is(
      result.text,
      'FROM node:20\nWORKDIR /app\nCOPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./\nCOPY lib/package.json ./lib/\nRUN pnpm install --frozen-lockfile\nCOPY . .\n',
    );
  } finally {
    plain.done();
  }
});

test('configuration an earlier instruction writes where the install tool reads it stops the split (red team 29)', async () => {
  const context = contextWith({ ...NPM, 'ci/.npmrc': 'prefix=/app/tools\n', 'ci/notes.txt': '\n' });
  const split = 'COPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n';
  const cases: Array<[string, RegExp | undefined]> = [
    [
      "RUN printf 'prefix=/app/tools\\n' > /root/.npmrc\n",
      /the RUN at 2:1 writes \/root\/\.npmrc, configuration npm reads/,
    ],
    ['COPY ci/ /root/\n', /the COPY at 2:1 writes \/root\/\.npmrc, configuration npm reads/],
    [
      'ARG SETTINGS\nCOPY ci/notes.txt ${SETTINGS}\n',
      /the COPY at 3:1 writes where layerfix cannot tell, so it may have written configuration npm reads/,
    ],
    // A RUN whose effects layerfix cannot tell may have written any of them.
    [
      'RUN ./ci/setup-registry.sh\n',
      /the RUN at 2:1 runs `\.\/ci\/setup-registry\.sh`, whose effects on files layerfix does not know, so it may have written configuration npm reads/,
    ],
    // The project's own .npmrc, written before the copy and not brought by it: the install reads that one.
    ['COPY ci/.npmrc /app/.npmrc\n', /the COPY at 2:1 writes \/app\/\.npmrc, configuration npm reads/],
    // A copy that brings no configuration file, and a write beside one, leave the split alone.
    ['COPY ci/notes.txt /root/\nRUN touch /root/.npmrc.bak\n', undefined],
  ];
  try {
    for (const [before, reason] of cases) {
      const text = `FROM node:20\n${before}WORKDIR /app\nCOPY . .\nRUN npm ci\n`;
      const result = await transform(text, { ...only, path: context.dockerfile });
      if (!reason) {
        assert.is(result.text, `FROM node:20\n${before}WORKDIR /app\n${split}`);
        continue;
      }
      assert.is(result.text, text);
      assert.match(result.messages.map((m) => m.reason).join('\n'), reason);
    }
  } finally {
    context.done();
  }
});

test("uv pip reads uv's settings: copied with the requirement files, declined when they find packages in the copy", async () => {
  const text = 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN uv pip install --system -r requirements.txt\n';
  const files = { 'requirements.txt': 'flask==3.0.0\n', 'app.py': '\n' };
  const remote = contextWith({ ...files, 'uv.toml': '[pip]\nindex-url = "https://mirror.example/simple"\n' });
  try {
    const result = await transform(text, { ...only, path: remote.dockerfile });
    assert.is(
      result.text,
      'FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt uv.toml ./\nRUN uv pip install --system -r requirements.txt\nCOPY . .\n',
    );
  } finally {
    remote.done();
  }
  const local = contextWith({
    ...files,
    'pyproject.toml': '[tool.uv.pip]\nfind-links = ["vendor"]\n',
    'vendor/x.whl': '',
  });
  try {
    const result = await transform(text, { ...only, path: local.dockerfile });
    assert.is(result.text, text);
    assert.match(
      result.messages.map((m) => m.reason).join('\n'),
      /uv's settings find packages in the local folder `vendor`/,
    );
  } finally {
    local.done();
  }
});

test('a node_modules folder in the context stops the split (the COPY would copy it over the installed one)', async () => {
  const context = contextWith({ ...NPM, 'node_modules/left-pad/index.js': '\n' });
  try {
    const text = 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n';
    const result = await transform(text, { ...only, path: context.dockerfile });
    assert.is(result.text, text);
    assert.match(
      result.messages.map((m) => m.reason).join('\n'),
      /holds node_modules, which the COPY would then copy over what the install wrote/,
    );
    writeFileSync(join(context.dir, '.dockerignore'), 'node_modules\n');
    const ignored = await transform(text, { ...only, path: context.dockerfile });
    assert.is(
      ignored.text,
      'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n',
    );
  } finally {
    context.done();
  }
});

test('default pipeline: stable installs move first, the manifest install splits, the build stays after the COPY', async () => {
  const context = contextWith({ ...NPM, '.dockerignore': 'node_modules\n' });
  try {
    const text = [
      'FROM node:20',
      'WORKDIR /app',
      'COPY . .',
      'RUN apt-get update && apt-get install -y --no-install-recommends git',
      'RUN npm ci',
      'RUN npm run build',
      'CMD ["node", "dist/index.js"]',
      '',
    ].join('\n');
    const result = await transform(text, { path: context.dockerfile });
    assert.is(result.status, 'changed', result.messages.map((m) => m.reason).join('\n'));
    assert.is(
      result.text,
      [
        'FROM node:20',
        'WORKDIR /app',
        'RUN apt-get update && apt-get install -y --no-install-recommends git',
        'COPY package.json package-lock.json ./',
        'RUN npm ci',
        'COPY . .',
        'RUN npm run build',
        'CMD ["node", "dist/index.js"]',
        '',
      ].join('\n'),
    );
    const again = await transform(result.text, { path: context.dockerfile });
    assert.is(again.text, result.text, 'a second run changes nothing');
    assert.not.ok(
      again.messages.some((m) => m.ruleId === 'split-manifest-copy'),
      'and says nothing: the manifests are copied already',
    );
  } finally {
    context.done();
  }
});

test('the ecosystems option turns an install tool off', async () => {
  const context = contextWith({ ...NPM, 'requirements.txt': 'flask\n' });
  try {
    const text = 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n';
    const off = await transform(text, {
      ...only,
      path: context.dockerfile,
      transforms: { 'split-manifest-copy': { ecosystems: ['npm'] } },
    });
    assert.is(off.text, text);
    const on = await transform(text, { ...only, path: context.dockerfile });
    assert.is(
      on.text,
      'FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install -r requirements.txt\nCOPY . .\n',
    );
  } finally {
    context.done();
  }
});

test("corpus with each file's own folder as its context: never an error, never a change it cannot back with files", async () => {
  let skips = 0;
  for (const [path, text] of corpusFiles()) {
    const result = await transform(text, { ...only, path });
    const mine = result.messages.filter((m) => m.ruleId === 'split-manifest-copy');
    assert.not.ok(
      mine.some((m) => m.kind === 'error' || m.kind === 'change'),
      `${path}: ${mine.map((m) => m.reason).join('; ')}`,
    );
    skips += mine.length;
  }
  assert.ok(skips >= 1, 'the corpus holds at least one install after a broad COPY');
});

test.run();
