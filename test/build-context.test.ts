/**
 * Build contexts found the way the repository builds: one case per kind of build file (compose string and object
 * forms, bake JSON and HCL, a workflow's build-push-action step and run line, skaffold, a dev container, a Makefile
 * and a script), the fallbacks (the Dockerfile's folder, the root, none with the missing path named), disagreements,
 * unknown variables, and the overrides (`--context`, `context` in the configuration and in its overrides), checked
 * on temporary repositories through the planner and through the CLI's `--explain` and JSON output.
 */
import { rmSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GIT_CONTEXT, openBuildContext } from '../src/analysis/build-context.js';
import { BuildContexts, resolveBuild, scanRepository, type BuildPlan } from '../src/build-context/index.js';
import { main } from '../src/cli/main.js';
import { transform } from '../src/registry.js';
import { makeRepo, memoryIO, type Repo } from './helpers/cli-repo.js';

const ALPINE = 'FROM alpine\nRUN echo hi\n';

/** A repository with a `.git` folder (its root), holding `files`. */
function gitRepo(files: Record<string, string>): Repo {
  return makeRepo({ '.git/HEAD': 'ref: refs/heads/main\n', ...files });
}

async function planOf(repo: Repo, dockerfile: string): Promise<BuildPlan> {
  return new BuildContexts({ cwd: repo.dir }).plan(repo.path(dockerfile));
}

/** The plan of `dockerfile` with its folder relative to the repository (`.` for the root). */
async function contextOf(
  repo: Repo,
  dockerfile: string,
): Promise<{ context?: string; source?: string; target?: string; notes?: string[] }> {
  const plan = await planOf(repo, dockerfile);
  const rel = (dir: string) => (dir === repo.dir ? '.' : dir.slice(repo.dir.length + 1));
  return {
    ...(plan.context ? { context: rel(plan.context) } : {}),
    ...(plan.contextSource ? { source: plan.contextSource } : {}),
    ...(plan.target ? { target: plan.target } : {}),
    ...(plan.notes ? { notes: plan.notes } : {}),
  };
}

function withRepo(files: Record<string, string>, run: (repo: Repo) => Promise<void>): () => Promise<void> {
  return async () => {
    const repo = gitRepo(files);
    try {
      await run(repo);
    } finally {
      repo.remove();
    }
  };
}

test(
  'compose, string form: `build: ./web` is the context, with its Dockerfile',
  withRepo({ 'compose.yaml': 'services:\n  web:\n    build: ./web\n', 'web/Dockerfile': ALPINE }, async (repo) => {
    assert.equal(await contextOf(repo, 'web/Dockerfile'), {
      context: 'web',
      source: 'compose.yaml: services.web.build',
    });
  }),
);

test(
  'compose, object form: context, dockerfile (relative to the context) and target; docker-compose.*.yml too',
  withRepo(
    {
      'docker-compose.prod.yml':
        'x-common: &common\n  context: .\nservices:\n  api:\n    build:\n      <<: *common\n      dockerfile: services/api/Dockerfile\n      target: runtime\n',
      'services/api/Dockerfile': ALPINE,
    },
    async (repo) => {
      assert.equal(await contextOf(repo, 'services/api/Dockerfile'), {
        context: '.',
        source: 'docker-compose.prod.yml: services.api.build',
        target: 'runtime',
      });
    },
  ),
);

test(
  'compose in a subfolder: paths are relative to the compose file; a variable set in its .env is known',
  withRepo(
    {
      'deploy/compose.yml': 'services:\n  api:\n    build:\n      context: ${ROOT}\n      dockerfile: api/Dockerfile\n',
      'deploy/.env': 'ROOT=..\n',
      'api/Dockerfile': ALPINE,
    },
    async (repo) => {
      assert.equal(await contextOf(repo, 'api/Dockerfile'), {
        context: '.',
        source: 'deploy/compose.yml: services.api.build',
      });
    },
  ),
);

test(
  'bake JSON: target.*.context and dockerfile, with inherits',
  withRepo(
    {
      'docker-bake.json': JSON.stringify({
        group: { default: { targets: ['app'] } },
        target: { base: { context: '.' }, app: { inherits: ['base'], dockerfile: 'app/Dockerfile', target: 'prod' } },
      }),
      'app/Dockerfile': ALPINE,
    },
    async (repo) => {
      assert.equal(await contextOf(repo, 'app/Dockerfile'), {
        context: '.',
        source: 'docker-bake.json: target "app"',
        target: 'prod',
      });
    },
  ),
);

test(
  'compose.override.yaml is merged into the compose file beside it, service by service (red team 16)',
  withRepo(
    {
      'docker-compose.yml': 'services:\n  web:\n    build: ./web\n',
      'docker-compose.override.yml': 'services:\n  web:\n    build:\n      target: dev\n',
      'web/Dockerfile': 'FROM alpine AS dev\nRUN echo dev\nFROM alpine\nRUN echo prod\n',
      Dockerfile: ALPINE,
    },
    async (repo) => {
      const web = await contextOf(repo, 'web/Dockerfile');
      assert.is(web.context, 'web');
      assert.match(web.source ?? '', 'docker-compose.override.yml: services.web.build (over docker-compose.yml)');
      assert.match((web.notes ?? []).join('\n'), 'the build files name different targets (dev, the last stage)');
      const root = await contextOf(repo, 'Dockerfile');
      assert.is(root.target, undefined, 'the override builds web/Dockerfile, not the root one');
      assert.not.match(root.source ?? '', 'override');
    },
  ),
);

test(
  'bake below the repository root: a relative context is read from where bake runs, which is not known (red team 16)',
  withRepo(
    {
      'docker/docker-bake.json': JSON.stringify({ target: { app: { context: '..', dockerfile: 'app/Dockerfile' } } }),
      'app/Dockerfile': ALPINE,
    },
    async (repo) => {
      const found = await contextOf(repo, 'app/Dockerfile');
      assert.is(found.context, undefined);
      assert.match(
        (found.notes ?? []).join('\n'),
        'bake reads the relative context .. from the folder it runs in, which is not known for a bake file below the repository root',
      );
    },
  ),
);

test(
  'bake HCL: target blocks, inherits and a variable default in a template',
  withRepo(
    {
      'docker-bake.hcl':
        'variable "DIR" {\n  default = "tools"\n}\n\ntarget "base" {\n  context = "."\n}\n\ntarget "cli" {\n  inherits = ["base"]\n  dockerfile = "${DIR}/cli/Dockerfile"\n}\n',
      'tools/cli/Dockerfile': ALPINE,
    },
    async (repo) => {
      assert.equal(await contextOf(repo, 'tools/cli/Dockerfile'), {
        context: '.',
        source: 'docker-bake.hcl: target "cli"',
      });
    },
  ),
);

test(
  'a compose file or devcontainer.json that does not parse is reported with where, not thrown',
  withRepo(
    {
      'compose.yaml': 'services:\n  web:\n    build: [\n',
      '.devcontainer/devcontainer.json': '{ "build": { "dockerfile": } }',
      Dockerfile: ALPINE,
    },
    async (repo) => {
      const scan = await scanRepository(repo.dir);
      assert.equal(
        scan.unusable.map((u) => u.source),
        ['compose.yaml', '.devcontainer/devcontainer.json'],
      );
      assert.match(scan.unusable[0].reason, /^cannot be read: .*\(4:1\)/s);
      assert.match(scan.unusable[1].reason, /^cannot be read: ValueExpected at line 1/);
      const plan = await planOf(repo, 'Dockerfile');
      assert.match(plan.notes!.join('\n'), /compose\.yaml was not used \(it might build this file\): cannot be read/);
    },
  ),
);

test(
  'bake HCL that does not parse is reported, not thrown',
  withRepo({ 'docker-bake.hcl': 'target "x" {\n  context = \n', Dockerfile: ALPINE }, async (repo) => {
    const scan = await scanRepository(repo.dir);
    assert.equal(
      scan.unusable.map((u) => u.source),
      ['docker-bake.hcl'],
    );
    assert.match(scan.unusable[0].reason, /cannot be read: HCL syntax error at line/);
  }),
);

const WORKFLOW = `on: push
jobs:
  images:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: api
        uses: docker/build-push-action@v6
        with:
          context: \${{ github.workspace }}
          file: services/api/Dockerfile
          target: release
      - name: web
        working-directory: services
        run: |
          echo building
          docker build --pull -t web:latest -f web/Dockerfile.prod web && echo done
      - name: worker
        uses: docker/build-push-action@v6
        with:
          file: worker/Dockerfile
`;

test(
  'workflow: build-push-action context/file/target (file from the root; no context: the repository), and run lines with working-directory',
  withRepo(
    {
      '.github/workflows/images.yml': WORKFLOW,
      'services/api/Dockerfile': ALPINE,
      'services/web/Dockerfile.prod': ALPINE,
      'worker/Dockerfile': ALPINE,
    },
    async (repo) => {
      assert.equal(await contextOf(repo, 'services/api/Dockerfile'), {
        context: '.',
        source: '.github/workflows/images.yml: jobs.images.steps[1] (api): docker/build-push-action',
        target: 'release',
      });
      assert.equal(await contextOf(repo, 'services/web/Dockerfile.prod'), {
        context: 'services/web',
        source: '.github/workflows/images.yml: jobs.images.steps[2] (web): run:2: docker build',
      });
      assert.equal(await contextOf(repo, 'worker/Dockerfile'), {
        context: '.',
        source: '.github/workflows/images.yml: jobs.images.steps[3] (worker): docker/build-push-action',
      });
    },
  ),
);

test(
  'skaffold: build.artifacts[].context, docker.dockerfile and docker.target',
  withRepo(
    {
      'skaffold.yaml':
        'apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n    - image: api\n      context: backend\n      docker:\n        dockerfile: docker/api.Dockerfile\n        target: prod\n',
      'backend/docker/api.Dockerfile': ALPINE,
    },
    async (repo) => {
      assert.equal(await contextOf(repo, 'backend/docker/api.Dockerfile'), {
        context: 'backend',
        source: 'skaffold.yaml: build.artifacts[0] (api)',
        target: 'prod',
      });
    },
  ),
);

test(
  'dev container: JSON with comments and trailing commas; dockerfile and context relative to devcontainer.json',
  withRepo(
    {
      '.devcontainer/devcontainer.json':
        '{\n  // the dev image\n  "build": {\n    "dockerfile": "Dockerfile",\n    "context": "..",\n    "target": "dev",\n  },\n}\n',
      '.devcontainer/Dockerfile': ALPINE,
    },
    async (repo) => {
      assert.equal(await contextOf(repo, '.devcontainer/Dockerfile'), {
        context: '.',
        source: '.devcontainer/devcontainer.json: build',
        target: 'dev',
      });
    },
  ),
);

test(
  'Makefile: make variables and $(CURDIR) expanded, -f/--target/context read from the recipe',
  withRepo(
    {
      Makefile:
        'IMAGE := app\nDOCKERFILE = docker/app.Dockerfile\n\nimage:\n\t@docker buildx build --load -t $(IMAGE) --target=final \\\n\t  -f $(DOCKERFILE) $(CURDIR)\n',
      'docker/app.Dockerfile': ALPINE,
    },
    async (repo) => {
      assert.equal(await contextOf(repo, 'docker/app.Dockerfile'), {
        context: '.',
        source: 'Makefile:5: docker buildx build',
        target: 'final',
      });
    },
  ),
);

test(
  'script: `cd "$(dirname "$0")/.."` followed, podman build with its default Containerfile',
  withRepo(
    {
      'scripts/build.sh': '#!/bin/sh\nset -e\ncd "$(dirname "$0")/.."\nCTX=app\npodman build -t app "$CTX"\n',
      'app/Containerfile': ALPINE,
    },
    async (repo) => {
      assert.equal(await contextOf(repo, 'app/Containerfile'), {
        context: 'app',
        source: 'scripts/build.sh:5: podman build',
      });
    },
  ),
);

const NPM_APP = {
  'package.json': '{"name":"app","version":"1.0.0"}\n',
  'package-lock.json': '{"name":"app","lockfileVersion":3,"requires":true,"packages":{"":{"name":"app"}}}\n',
  '.npmrc': 'fund=false\n',
  'index.js': '\n',
  Dockerfile: 'FROM node:20-bookworm-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n',
};

/** What split-manifest-copy does with the Dockerfile at the root of `repo` under the plan the repository gives. */
async function splitUnderPlan(repo: Repo): Promise<string> {
  const path = repo.path('Dockerfile');
  const { settings } = resolveBuild(await planOf(repo, 'Dockerfile'), repo.read('Dockerfile'), path);
  const result = await transform(repo.read('Dockerfile'), { path, build: settings, only: ['split-manifest-copy'] });
  return result.text;
}

test(
  'build commands read as their shells run them: .ONESHELL, pushd/popd, a GitLab job in one shell, package.json scripts (red team 32)',
  withRepo({ 'web/Dockerfile': ALPINE }, async (repo) => {
    const root = { context: '.' };
    repo.write('Makefile', '.ONESHELL:\nimage:\n\tcd web\n\t@docker build -f Dockerfile ..\n');
    assert.equal(await contextOf(repo, 'web/Dockerfile'), { ...root, source: 'Makefile:4: docker build' });
    rmSync(repo.path('Makefile'));
    repo.write('build.sh', 'pushd web\necho hi\npopd\ndocker build -f web/Dockerfile .\n');
    assert.equal(await contextOf(repo, 'web/Dockerfile'), { ...root, source: 'build.sh:4: docker build' });
    rmSync(repo.path('build.sh'));
    repo.write(
      '.gitlab-ci.yml',
      'build-web:\n  before_script:\n    - cd web\n  script:\n    - docker build -f Dockerfile ..\n',
    );
    assert.equal(await contextOf(repo, 'web/Dockerfile'), {
      ...root,
      source: '.gitlab-ci.yml: build-web.script[0]:1: docker build',
    });
    rmSync(repo.path('.gitlab-ci.yml'));
    repo.write('package.json', '{"scripts":{"image":"docker build -f web/Dockerfile ."}}\n');
    assert.equal(await contextOf(repo, 'web/Dockerfile'), {
      ...root,
      source: 'package.json: scripts.image:1: docker build',
    });
  }),
);

test(
  'a build in a shell function or an included .mk file runs in a folder layerfix does not follow: the file is declined',
  withRepo({ 'web/Dockerfile': ALPINE }, async (repo) => {
    repo.write('build.sh', 'image() {\n  docker build -f web/Dockerfile .\n}\nimage\n');
    assert.match((await planOf(repo, 'web/Dockerfile')).unknown ?? '', 'it is in a shell function');
    rmSync(repo.path('build.sh'));
    repo.write('mk/docker.mk', 'image:\n\tdocker build -f web/Dockerfile .\n');
    assert.match((await planOf(repo, 'web/Dockerfile')).unknown ?? '', 'a .mk file runs in the folder of the make');
  }),
);

test(
  '.gitlab-ci.yml: default and top-level before_script, extends and !reference are followed (red team 33)',
  withRepo({ 'backend/Dockerfile': ALPINE, 'web/Dockerfile': ALPINE }, async (repo) => {
    repo.write(
      '.gitlab-ci.yml',
      'default:\n  before_script: [cd backend]\nimage-api:\n  script: [docker build -f Dockerfile .]\n',
    );
    assert.equal(await contextOf(repo, 'backend/Dockerfile'), {
      context: 'backend',
      source: '.gitlab-ci.yml: image-api.script[0]:1: docker build',
    });
    repo.write(
      '.gitlab-ci.yml',
      '.in-web:\n  before_script: [cd web]\nimage-web:\n  extends: .in-web\n  script: [docker build -f Dockerfile .]\n',
    );
    assert.equal(await contextOf(repo, 'web/Dockerfile'), {
      context: 'web',
      source: '.gitlab-ci.yml: image-web.script[0]:1: docker build',
    });
    repo.write(
      '.gitlab-ci.yml',
      '.login:\n  script: [docker login -u x registry.example]\nimage-web:\n  inherit:\n    default: false\n  script:\n    - !reference [.login, script]\n    - docker build -f web/Dockerfile .\n',
    );
    assert.equal(await contextOf(repo, 'web/Dockerfile'), {
      context: '.',
      source: '.gitlab-ci.yml: image-web.script[1]:1: docker build',
    });
  }),
);

test(
  '.gitlab-ci.yml: local includes are merged in; a matrix, rules, inherit and spec inputs make variables unknown (red team 35)',
  withRepo({ 'app/Dockerfile': ALPINE }, async (repo) => {
    repo.write('ci/build.yml', 'build:\n  script: [docker build -f app/Dockerfile app]\n');
    repo.write('.gitlab-ci.yml', 'include:\n  - local: ci/build.yml\n');
    assert.equal(await contextOf(repo, 'app/Dockerfile'), {
      context: 'app',
      source: '.gitlab-ci.yml: build.script[0]:1: docker build',
    });
    const declined = async (yml: string, why: string) => {
      repo.write('.gitlab-ci.yml', yml);
      assert.match((await planOf(repo, 'app/Dockerfile')).unknown ?? '', why);
    };
    const job = '  script: [docker build -f app/Dockerfile $CTX]\n';
    await declined(
      `variables:\n  CTX: .\nbuild:\n  parallel:\n    matrix:\n      - CTX: [app]\n${job}`,
      'CTX is set by a matrix or rules',
    );
    await declined(
      `variables:\n  CTX: .\nbuild:\n  rules:\n    - variables: { CTX: app }\n${job}`,
      'CTX is set by a matrix or rules',
    );
    await declined(`variables:\n  CTX: app\nbuild:\n  inherit:\n    variables: false\n${job}`, 'CTX');
    await declined(
      'spec:\n  inputs:\n    ctx:\n      default: app\n---\nbuild:\n  script:\n    - docker build -f app/Dockerfile $[[ inputs.ctx ]]\n',
      'the input ctx',
    );
  }),
);

test(
  ".gitlab-ci.yml: nested includes, a child pipeline and the workflow's rules variables (red team 36)",
  withRepo({ 'app/Dockerfile': ALPINE }, async (repo) => {
    repo.write('ci/a.yml', 'include:\n  - local: ci/b.yml\n');
    repo.write('ci/b.yml', 'build:\n  script: [docker build -f app/Dockerfile app]\n');
    repo.write('.gitlab-ci.yml', 'include:\n  - local: ci/a.yml\n');
    assert.equal((await contextOf(repo, 'app/Dockerfile')).context, 'app');
    repo.write('.gitlab-ci.yml', 'images:\n  trigger:\n    include: ci/b.yml\n');
    assert.equal((await contextOf(repo, 'app/Dockerfile')).context, 'app');
    repo.write(
      '.gitlab-ci.yml',
      'variables:\n  CTX: app\nworkflow:\n  rules:\n    - variables: { CTX: . }\nbuild:\n  script: [docker build -f app/Dockerfile $CTX]\n',
    );
    assert.match((await planOf(repo, 'app/Dockerfile')).unknown ?? '', 'CTX is set by a matrix or rules');
  }),
);

test(
  'docker/build-push-action without a context builds the Git context: no .dockerignore applies (red team 32)',
  withRepo(
    {
      ...NPM_APP,
      '.dockerignore': '.git\n.npmrc\nnode_modules\n',
      '.github/workflows/image.yml':
        'on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: false\n',
    },
    async (repo) => {
      assert.is((await planOf(repo, 'Dockerfile')).ignoreFile, GIT_CONTEXT);
      assert.match(await splitUnderPlan(repo), 'COPY package.json package-lock.json .npmrc ./\n');
      repo.write('compose.yaml', 'services:\n  app:\n    build: .\n');
      assert.match(
        (await planOf(repo, 'Dockerfile')).unknown ?? '',
        'read through no ignore file (the Git context)',
        'a build of the folder through .dockerignore disagrees',
      );
    },
  ),
);

test(
  ".gitlab-ci.yml: a job's script line, run in the repository root, with the file's and the job's variables",
  withRepo(
    {
      '.gitlab-ci.yml':
        'variables:\n  APP_DIR: services/api\nstages: [build]\nbuild-api:\n  stage: build\n  variables:\n    DOCKERFILE: { value: services/api/Dockerfile }\n  script:\n    - echo building\n    - docker build -t "$CI_REGISTRY_IMAGE" -f "$DOCKERFILE" "$APP_DIR"\n',
      'services/api/Dockerfile': ALPINE,
    },
    async (repo) => {
      assert.equal(await contextOf(repo, 'services/api/Dockerfile'), {
        context: 'services/api',
        source: '.gitlab-ci.yml: build-api.script[1]:1: docker build',
      });
    },
  ),
);

test(
  'buildah bud with its storage options: the options are read past, the context found',
  withRepo(
    {
      'scripts/build.sh':
        '#!/bin/sh\nbuildah bud --storage-driver overlay --isolation chroot --format docker -t app -f app/Dockerfile app\n',
      'app/Dockerfile': ALPINE,
    },
    async (repo) => {
      assert.equal(await contextOf(repo, 'app/Dockerfile'), {
        context: 'app',
        source: 'scripts/build.sh:2: buildah bud',
      });
    },
  ),
);

test(
  'podman build --ignorefile: the build reads that file, and the split copies only what it sends (red team 16)',
  withRepo(
    {
      ...NPM_APP,
      '.dockerignore': 'node_modules\n',
      '.prodignore': 'node_modules\n.npmrc\n',
      Makefile: 'release:\n\tpodman build --ignorefile .prodignore -t app .\n',
    },
    async (repo) => {
      const plan = await planOf(repo, 'Dockerfile');
      assert.is(plan.ignoreFile, repo.path('.prodignore'));
      const text = await splitUnderPlan(repo);
      assert.match(text, 'COPY package.json package-lock.json ./');
    },
  ),
);

test(
  "podman build reads the context's .containerignore before .dockerignore; other builds leave it undecided",
  withRepo(
    { ...NPM_APP, '.containerignore': 'node_modules\n.npmrc\n', Makefile: 'image:\n\tpodman build -t app .\n' },
    async (repo) => {
      assert.is((await planOf(repo, 'Dockerfile')).ignoreFile, repo.path('.containerignore'));
      assert.match(await splitUnderPlan(repo), 'COPY package.json package-lock.json ./');
      repo.write('Makefile', 'image:\n\tdocker build -t app .\n');
      assert.is(await splitUnderPlan(repo), repo.read('Dockerfile'), 'a docker build leaves it undecided too');
      const unknown = await transform(repo.read('Dockerfile'), {
        path: repo.path('Dockerfile'),
        only: ['split-manifest-copy'],
      });
      assert.is(unknown.text, repo.read('Dockerfile'));
      assert.match(
        unknown.messages.map((m) => m.message).join('\n'),
        'has a .containerignore, which podman and buildah read',
      );
    },
  ),
);

test(
  "podman and buildah read the Dockerfile's own ignore file first; one BuildKit does not read leaves the context undecided (red team 32)",
  withRepo(
    {
      ...NPM_APP,
      '.containerignore': 'node_modules\n',
      'Dockerfile.dockerignore': 'node_modules\n.npmrc\n',
      Makefile: 'image:\n\tpodman build -t app .\n',
    },
    async (repo) => {
      assert.is((await planOf(repo, 'Dockerfile')).ignoreFile, repo.path('Dockerfile.dockerignore'));
      assert.match(await splitUnderPlan(repo), 'COPY package.json package-lock.json ./\n');
      repo.write('Dockerfile.containerignore', 'node_modules\n');
      const plan = await planOf(repo, 'Dockerfile');
      assert.match(
        plan.unknown ?? '',
        'two ignore files of its own (Dockerfile.containerignore, Dockerfile.dockerignore)',
      );
      rmSync(repo.path('Dockerfile.dockerignore'));
      rmSync(repo.path('.containerignore'));
      repo.write('Makefile', 'image:\n\tdocker build -t app .\n');
      const lookup = openBuildContext(repo.path('Dockerfile'), '');
      assert.ok('reason' in lookup);
      assert.match(
        'reason' in lookup ? lookup.reason : '',
        'its own Dockerfile.containerignore, which podman and buildah read',
      );
    },
  ),
);

test(
  'a build whose Dockerfile is not known, from a known folder, leaves a fallback to another folder unknown (red team 33)',
  withRepo(
    {
      '.github/workflows/ci.yml':
        'jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          context: .\n          file: ${{ matrix.dockerfile }}\n',
      'web/Dockerfile': 'FROM alpine\nCOPY index.html /srv/\n',
      'web/index.html': '<p>hi</p>\n',
      'api/Dockerfile': 'FROM alpine\nCOPY api/main.sh /srv/\n',
      'api/main.sh': 'echo\n',
    },
    async (repo) => {
      const web = resolveBuild(
        await planOf(repo, 'web/Dockerfile'),
        repo.read('web/Dockerfile'),
        repo.path('web/Dockerfile'),
      );
      assert.match(
        web.settings.contextUnknown ?? '',
        'may build it (its Dockerfile is not known) from ., not as the fallback reads the Dockerfile',
      );
      const api = resolveBuild(
        await planOf(repo, 'api/Dockerfile'),
        repo.read('api/Dockerfile'),
        repo.path('api/Dockerfile'),
      );
      assert.is(api.settings.context, repo.dir, 'the fallback chose the folder that build uses');
    },
  ),
);

test(
  'a podman build whose target is not known keeps its ignore file (red team 33)',
  withRepo(
    {
      ...NPM_APP,
      '.podmanignore': 'node_modules\n',
      Makefile: 'image:\n\tpodman build --target $(TARGET) --ignorefile .podmanignore -t app .\n',
    },
    async (repo) => {
      const plan = await planOf(repo, 'Dockerfile');
      assert.is(plan.context, repo.dir);
      assert.is(plan.ignoreFile, repo.path('.podmanignore'));
    },
  ),
);

test(
  'a podman or buildah build of the file is in its plan, whatever the context; a docker build is not (red team 23)',
  withRepo(
    { Dockerfile: ALPINE, Makefile: 'image:\n\tdocker build -t app .\ntest:\n\tbuildah bud --target test .\n' },
    async (repo) => {
      assert.is((await planOf(repo, 'Dockerfile')).podman, 'Makefile:4: buildah bud');
      repo.write('Makefile', 'image:\n\tdocker build -t app .\n');
      assert.is((await planOf(repo, 'Dockerfile')).podman, undefined);
    },
  ),
);

test(
  'a build through sudo is read, and a redhat-actions/buildah-build step builds with buildah (red team 24)',
  withRepo(
    {
      'app/Dockerfile': ALPINE,
      Makefile: 'image:\n\tsudo -E podman build --target final -t app .\n',
      '.github/workflows/image.yml':
        'on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: redhat-actions/buildah-build@v2\n        with:\n          context: app\n          containerfiles: |\n            ./app/Dockerfile\n',
    },
    async (repo) => {
      const root = await planOf(repo, 'Dockerfile');
      assert.is(root.podman, 'Makefile:2: podman build');
      assert.is(root.target, 'final');
      const app = await planOf(repo, 'app/Dockerfile');
      assert.is(app.context, repo.path('app'));
      assert.match(app.podman ?? '', 'redhat-actions/buildah-build');
    },
  ),
);

test(
  'a .gitlab-ci.yml alone is read; exec and an unusable podman build still say podman builds the file (red team 24)',
  withRepo(
    {
      Dockerfile: ALPINE,
      '.gitlab-ci.yml': 'build:\n  script:\n    - buildah bud --target final -t app .\n',
    },
    async (repo) => {
      const plan = await planOf(repo, 'Dockerfile');
      assert.is(plan.context, repo.path('.'));
      assert.is(plan.podman, '.gitlab-ci.yml: build.script[0]:1: buildah bud');
      rmSync(repo.path('.gitlab-ci.yml'));
      repo.write('build.sh', '#!/bin/sh\nexec podman build -t app .\n');
      assert.is((await planOf(repo, 'Dockerfile')).podman, 'build.sh:2: podman build');
      repo.write('build.sh', '#!/bin/sh\npodman build -t app "$(pwd)"\n');
      const unusable = await planOf(repo, 'Dockerfile');
      assert.is(unusable.context, undefined, 'its context is not known');
      assert.is(unusable.podman, 'build.sh:2: podman build');
    },
  ),
);

test(
  'several sources that agree are one context; different targets each ship, and it says so',
  withRepo(
    {
      'compose.yaml':
        'services:\n  web:\n    build:\n      context: .\n      dockerfile: web/Dockerfile\n      target: dev\n',
      Makefile: 'build:\n\tdocker build -f web/Dockerfile .\n',
      'web/Dockerfile': ALPINE,
    },
    async (repo) => {
      const found = await contextOf(repo, 'web/Dockerfile');
      assert.equal(found, {
        context: '.',
        source: 'Makefile:2: docker build (and 1 more that agree)',
        notes: ['the build files name different targets (the last stage, dev), and the image of each ships'],
      });
      assert.equal((await planOf(repo, 'web/Dockerfile')).targets, ['', 'dev']);
    },
  ),
);

test(
  'sources that disagree on the context: no guess and no fallback, the file is declined with the disagreement (red team 32)',
  withRepo(
    {
      'compose.yaml': 'services:\n  web:\n    build: ./web\n',
      '.github/workflows/ci.yml': 'jobs:\n  b:\n    steps:\n      - run: docker build -f web/Dockerfile .\n',
      'web/Dockerfile': 'FROM alpine\nCOPY index.html /srv/\n',
      'web/index.html': '<p>hi</p>\n',
    },
    async (repo) => {
      const plan = await planOf(repo, 'web/Dockerfile');
      assert.is(plan.context, undefined);
      assert.is(plan.fallbackRoot, undefined);
      assert.is(
        plan.unknown,
        'the build files disagree on its context (.github/workflows/ci.yml: jobs.b.steps[0]: run:1: docker build says .; compose.yaml: services.web.build says web), so a rewrite cannot be proven for every build of it',
      );
      const { settings, info } = resolveBuild(plan, repo.read('web/Dockerfile'), repo.path('web/Dockerfile'));
      assert.is(settings.context, undefined);
      assert.is(settings.contextUnknown, plan.unknown);
      assert.is(info!.unknown, plan.unknown);
    },
  ),
);

test(
  'unknown variables make a source unusable, and it says which; one that builds the file declines it',
  withRepo(
    {
      'compose.yaml': 'services:\n  api:\n    build:\n      context: ${API_DIR}\n',
      '.github/workflows/ci.yml':
        'jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          context: .\n          file: ${{ matrix.dockerfile }}\n',
      Makefile: 'build:\n\tdocker build -f api/Dockerfile $(CONTEXT)\n',
      'api/Dockerfile': ALPINE,
      'web/Dockerfile': ALPINE,
    },
    async (repo) => {
      const plan = await planOf(repo, 'api/Dockerfile');
      assert.is(plan.context, undefined);
      assert.is(
        plan.unknown,
        'Makefile:2: docker build builds it, but its context is not known: the make variable $(CONTEXT) is not set in Makefile, so its build context is not known',
      );
      const other = await planOf(repo, 'web/Dockerfile');
      assert.is(other.unknown, undefined);
      assert.equal(other.notes, [
        '.github/workflows/ci.yml: jobs.b.steps[0]: docker/build-push-action was not used (it might build this file): its Dockerfile is not known: the expression ${{ matrix.dockerfile }} is only known when the workflow runs',
        'compose.yaml: services.api.build was not used (it might build this file): its context is not known: the variable ${API_DIR} is not set in the repository',
      ]);
    },
  ),
);

test(
  'a Dockerfile named under a folder that is not known: a file whose path ends so is declined (red team 32)',
  withRepo(
    {
      'compose.yaml':
        'services:\n  web:\n    build:\n      context: ${MONOREPO_ROOT}\n      dockerfile: web/Dockerfile\n',
      'web/Dockerfile': ALPINE,
      'api/Dockerfile': ALPINE,
    },
    async (repo) => {
      assert.match((await planOf(repo, 'web/Dockerfile')).unknown ?? '', /^compose.yaml: services.web.build builds it/);
      assert.is((await planOf(repo, 'api/Dockerfile')).unknown, undefined);
      // A path from the unknown folder ends the same wherever that folder is (red team 33).
      repo.write(
        'compose.yaml',
        'services:\n  api:\n    build:\n      context: ${API_DIR}\n      dockerfile: ../docker/api.Dockerfile\n',
      );
      repo.write('docker/api.Dockerfile', ALPINE);
      assert.match(
        (await planOf(repo, 'docker/api.Dockerfile')).unknown ?? '',
        /^compose.yaml: services.api.build builds it/,
      );
      assert.is((await planOf(repo, 'api/Dockerfile')).unknown, undefined);
    },
  ),
);

test(
  'a build command layerfix cannot read is reported with the reason',
  withRepo(
    {
      'build.sh':
        'docker build --frobnicate x -f Dockerfile .\ndocker build -f Dockerfile - < ctx.tar\ndocker build -t a https://example.com/repo.git\n',
      Dockerfile: ALPINE,
    },
    async (repo) => {
      const scan = await scanRepository(repo.dir);
      assert.equal(
        scan.unusable.map((u) => `${u.source}: ${u.reason}`),
        [
          'build.sh:1: docker build: layerfix does not know whether its option --frobnicate takes a value, so it cannot tell which word is the context',
          'build.sh:2: docker build: it reads its context from standard input',
          'build.sh:3: docker build: its context https://example.com/repo.git is remote',
        ],
      );
    },
  ),
);

test(
  "fallback: the Dockerfile's folder when its COPY sources are all there",
  withRepo(
    {
      'app/Dockerfile': 'FROM node:20\nCOPY package.json ./\nCOPY --from=build /out /out\nCOPY src/*.js ./\n',
      'app/package.json': '{}\n',
      'app/src/a.js': '1\n',
    },
    async (repo) => {
      const plan = await planOf(repo, 'app/Dockerfile');
      assert.equal(plan, { fallbackRoot: repo.dir });
      const { settings, info } = resolveBuild(plan, repo.read('app/Dockerfile'), repo.path('app/Dockerfile'));
      assert.is(settings.context, repo.path('app'));
      assert.is(
        info!.source,
        "fallback: the Dockerfile's folder (no build file names it; its COPY sources are all there)",
      );
    },
  ),
);

test(
  'fallback: the repository root when the COPY sources are there and not in the Dockerfile folder',
  withRepo(
    {
      'docker/api/Dockerfile': 'FROM python:3.12\nCOPY requirements.txt .\nCOPY api/ /srv/api/\n',
      'requirements.txt': 'flask\n',
      'api/main.py': 'print(1)\n',
    },
    async (repo) => {
      const { settings, info } = resolveBuild(
        await planOf(repo, 'docker/api/Dockerfile'),
        repo.read('docker/api/Dockerfile'),
        repo.path('docker/api/Dockerfile'),
      );
      assert.is(settings.context, repo.dir);
      assert.is(
        info!.source,
        "fallback: the repository root (no build file names it; its COPY sources are there, not in the Dockerfile's folder: requirements.txt is missing)",
      );
    },
  ),
);

test(
  'a COPY source with a leading slash is read from the context root, as BuildKit reads it',
  withRepo(
    {
      'src/Admin/Dockerfile': 'FROM node:20\nWORKDIR /app\nCOPY src/Admin/package*.json ./\nCOPY /src/Admin/ .\n',
      'src/Admin/package.json': '{}\n',
      'src/Admin/index.js': '1\n',
    },
    async (repo) => {
      const { settings } = resolveBuild(
        await planOf(repo, 'src/Admin/Dockerfile'),
        repo.read('src/Admin/Dockerfile'),
        repo.path('src/Admin/Dockerfile'),
      );
      assert.is(settings.context, repo.dir);
    },
  ),
);

test(
  'fallback: no context when the sources are in neither folder; the message names the missing path, and split-manifest-copy declines with it',
  withRepo(
    {
      'svc/Dockerfile': 'FROM node:20\nWORKDIR /app\nCOPY dist/bundle.js /opt/\nCOPY . /app\nRUN npm ci\n',
      'svc/package.json': '{}\n',
      'svc/package-lock.json': '{}\n',
    },
    async (repo) => {
      const { settings, info } = resolveBuild(
        await planOf(repo, 'svc/Dockerfile'),
        repo.read('svc/Dockerfile'),
        repo.path('svc/Dockerfile'),
      );
      assert.is(settings.context, undefined);
      assert.is(
        info!.unknown,
        "no build context: no build file names this Dockerfile, and its COPY sources are in neither folder tried: dist/bundle.js is not in the Dockerfile's folder, and dist/bundle.js is not in the repository root (../)".replace(
          '(../)',
          '(..)',
        ),
      );
      const result = await transform(repo.read('svc/Dockerfile'), {
        path: repo.path('svc/Dockerfile'),
        build: settings,
      });
      const skip = result.messages.find((m) => m.ruleId === 'split-manifest-copy');
      assert.ok(skip, 'split-manifest-copy reports why it declined');
      assert.match(skip!.reason, /dist\/bundle\.js is not in the Dockerfile's folder/);
      // Without a path (the API on a text), nothing is known and every transform still runs.
      const bare = await transform(repo.read('svc/Dockerfile'));
      assert.ok(bare.text.length > 0);
      assert.equal(resolveBuild(undefined, 'FROM a\n', undefined), { settings: {} });
    },
  ),
);

test(
  'the .dockerignore in effect counts: a COPY source it ignores is missing',
  withRepo(
    {
      'app/Dockerfile': 'FROM alpine\nCOPY secret.txt /\n',
      'app/secret.txt': 'x\n',
      'app/Dockerfile.dockerignore': 'secret.txt\n',
    },
    async (repo) => {
      const { settings, info } = resolveBuild(
        await planOf(repo, 'app/Dockerfile'),
        repo.read('app/Dockerfile'),
        repo.path('app/Dockerfile'),
      );
      assert.is(settings.context, undefined);
      assert.match(info!.unknown!, /secret\.txt is not in the Dockerfile's folder/);
    },
  ),
);

const NODE_APP = 'FROM node:20\nWORKDIR /app\nCOPY . /app\nRUN npm ci\n';

test('overrides: --context over the configuration over the build files; --explain and JSON show the choice', async () => {
  const repo = gitRepo({
    'compose.yaml': 'services:\n  web:\n    build: ./web\n',
    'web/Dockerfile': NODE_APP,
    'web/package.json': '{}\n',
    'web/package-lock.json': '{}\n',
    'other/package.json': '{}\n',
    'other/package-lock.json': '{}\n',
  });
  try {
    const explain = memoryIO(repo.dir);
    assert.is(await main(['--explain', '--concurrency', '1', 'web/Dockerfile'], explain.io), 0, explain.stderr());
    assert.match(
      explain.stderr(),
      /^web\/Dockerfile: build context web \(from compose\.yaml: services\.web\.build\)$/m,
    );

    const json = memoryIO(repo.dir);
    assert.is(await main(['--format', 'json', '--context', 'other', 'web/Dockerfile'], json.io), 0, json.stderr());
    assert.equal(JSON.parse(json.stdout()).files[0].build, { context: 'other', source: '--context', notes: [] });

    repo.write('.layerfixrc.json', JSON.stringify({ root: true, overrides: [{ files: 'web/**', context: 'other' }] }));
    const config = memoryIO(repo.dir);
    assert.is(await main(['--format', 'json', 'web/Dockerfile'], config.io), 0, config.stderr());
    assert.equal(JSON.parse(config.stdout()).files[0].build, {
      context: 'other',
      source: `context in ${repo.path('.layerfixrc.json')}`,
      notes: [],
    });

    repo.write('.layerfixrc.json', JSON.stringify({ root: true, context: '.' }));
    const top = memoryIO(repo.dir);
    assert.is(await main(['--format', 'json', 'web/Dockerfile'], top.io), 0, top.stderr());
    assert.is(JSON.parse(top.stdout()).files[0].build.context, '.');
    const cli = memoryIO(repo.dir);
    assert.is(await main(['--format', 'json', '--context', 'web', 'web/Dockerfile'], cli.io), 0, cli.stderr());
    assert.is(JSON.parse(cli.stdout()).files[0].build.source, '--context');
  } finally {
    repo.remove();
  }
});

test('the build target: --target over the configuration over the build files decides where merge-runs merges', async () => {
  const twoStages =
    'FROM debian:12 AS build\nRUN mkdir -p /out\nRUN touch /out/ready\n\nFROM debian:12\nRUN mkdir -p /srv\nRUN touch /srv/ready\n';
  const repo = gitRepo({
    Dockerfile: twoStages,
    'compose.yaml': 'services:\n  app:\n    build:\n      context: .\n      target: build\n',
  });
  const run = async (...args: string[]) => {
    const out = memoryIO(repo.dir);
    assert.is(await main(['--format', 'json', '--concurrency', '1', ...args, 'Dockerfile'], out.io), 0, out.stderr());
    const file = JSON.parse(out.stdout()).files[0];
    return { target: file.build?.target, diff: String(file.diff ?? '') };
  };
  try {
    // The compose file builds the `build` stage: merges go there, the last stage is left alone.
    const fromCompose = await run();
    assert.is(fromCompose.target, 'build');
    assert.match(fromCompose.diff, /^\+RUN mkdir -p \/out && touch \/out\/ready$/m);
    assert.not.match(fromCompose.diff, /\/srv\/ready/);
    repo.write('.layerfixrc.json', JSON.stringify({ root: true, target: 'nope-not-a-stage' }));
    assert.is((await run()).target, 'nope-not-a-stage', 'the configuration wins over the build files');
    const fromFlag = await run('--target', 'build');
    assert.is(fromFlag.target, 'build', '--target wins over the configuration');
    repo.write('.layerfixrc.json', JSON.stringify({ root: true, target: 'bad name!' }));
    const bad = memoryIO(repo.dir);
    assert.is(await main(['Dockerfile'], bad.io), 2);
    assert.match(bad.stderr(), /target: expected the name of the stage its Dockerfiles are built to/);
  } finally {
    repo.remove();
  }
});

test('bad input: --context that is not a folder, a configuration context that is not a string or not a folder', async () => {
  const repo = gitRepo({ Dockerfile: ALPINE });
  try {
    const missing = memoryIO(repo.dir);
    assert.is(await main(['--context', 'nope', 'Dockerfile'], missing.io), 2);
    assert.match(missing.stderr(), /--context: nope is not a folder/);

    repo.write('.layerfixrc.json', JSON.stringify({ root: true, context: 3 }));
    const shape = memoryIO(repo.dir);
    assert.is(await main(['Dockerfile'], shape.io), 2);
    assert.match(shape.stderr(), /\.layerfixrc\.json: context: expected a folder, relative to the configuration file/);

    repo.write('.layerfixrc.json', JSON.stringify({ root: true, overrides: [{ files: '*', context: 'gone' }] }));
    const gone = memoryIO(repo.dir);
    assert.is(await main(['Dockerfile'], gone.io), 2);
    assert.match(gone.stderr(), /\.layerfixrc\.json: context: .*gone is not a folder/);
  } finally {
    repo.remove();
  }
});

test('a fallback or a decline is shown by --explain', async () => {
  const repo = gitRepo({ 'a/Dockerfile': 'FROM alpine\nCOPY missing.txt /\n' });
  try {
    const run = memoryIO(repo.dir);
    assert.is(await main(['--explain', '--concurrency', '1', 'a/Dockerfile'], run.io), 0, run.stderr());
    assert.match(
      run.stderr(),
      /^a\/Dockerfile: no build context: no build file names this Dockerfile, and its COPY sources are in neither folder tried: missing\.txt is not in the Dockerfile's folder/m,
    );
  } finally {
    repo.remove();
  }
});

test('build files are read once per repository, not per Dockerfile', async () => {
  const repo = gitRepo({
    'compose.yaml': 'services:\n  a:\n    build: ./a\n  b:\n    build: ./b\n',
    'a/Dockerfile': ALPINE,
    'b/Dockerfile': ALPINE,
  });
  try {
    const contexts = new BuildContexts({ cwd: repo.dir });
    const first = contexts.scan(repo.dir);
    await contexts.plan(repo.path('a/Dockerfile'));
    await contexts.plan(repo.path('b/Dockerfile'));
    assert.is(contexts.scan(repo.dir), first);
    assert.equal((await first).files, ['compose.yaml']);
  } finally {
    repo.remove();
  }
});

test.run();
