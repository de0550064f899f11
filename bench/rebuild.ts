/**
 * The rebuild benchmark: what a source edit and a manifest edit make the build rerun, in shell commands, before and
 * after layerfix's rewrite, on scripted git histories of several application layouts (node, python, go, and a
 * monorepo whose subfolder Dockerfile is built from the root by compose); then cache-report's wall time on a
 * 500-commit history of 32 Dockerfiles.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cacheReport, type CacheReportRow } from '../src/cache-report/report.js';
import { BIN } from '../test/helpers/cli-repo.js';
import { writeHistory, type ScriptedCommit } from '../test/helpers/git-history.js';
import { median } from './measure.js';
import { num, type Bench, type BenchReport } from './report.js';

/** An application layout: its files, the file a source edit touches, the manifest an edit of the dependencies touches. */
interface Layout {
  name: string;
  files: Record<string, string>;
  source: string;
  manifest: string;
  /** The Dockerfile, for the table. */
  dockerfile: string;
}

const LAYOUTS: Layout[] = [
  {
    name: 'node',
    dockerfile: 'Dockerfile',
    source: 'src/server.js',
    manifest: 'package.json',
    files: {
      Dockerfile:
        'FROM node:20-bookworm-slim\nWORKDIR /app\nCOPY . /app\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends tini ca-certificates\nRUN npm ci --omit=dev\nRUN npm run build\nCMD ["tini", "node", "dist/server.js"]\n',
      'package.json': '{"name":"app","version":"1.0.0","scripts":{"build":"node build.js"}}\n',
      'package-lock.json': '{"lockfileVersion":3}\n',
      'src/server.js': 'console.log(0);\n',
    },
  },
  {
    name: 'python',
    dockerfile: 'Dockerfile',
    source: 'app/main.py',
    manifest: 'requirements.txt',
    files: {
      Dockerfile:
        'FROM python:3.12-slim\nWORKDIR /srv\nCOPY . /srv\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\nRUN pip install --no-cache-dir -r requirements.txt\nRUN python -m compileall app\nCMD ["python", "-m", "app.main"]\n',
      'requirements.txt': 'flask==3.0.0\n',
      'app/main.py': 'print(0)\n',
    },
  },
  {
    name: 'go',
    dockerfile: 'Dockerfile',
    source: 'cmd/server/main.go',
    manifest: 'go.mod',
    files: {
      Dockerfile:
        'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go mod download\nRUN CGO_ENABLED=0 go build -o /out/server ./cmd/server\n\nFROM gcr.io/distroless/static\nCOPY --from=build /out/server /server\nENTRYPOINT ["/server"]\n',
      'go.mod': 'module example.com/app\n\ngo 1.22\n',
      'go.sum': '',
      'cmd/server/main.go': 'package main\n\nfunc main() {}\n',
    },
  },
  {
    name: 'monorepo (services/api/Dockerfile, context: the root, from compose.yaml)',
    dockerfile: 'services/api/Dockerfile',
    source: 'services/api/index.js',
    manifest: 'package.json',
    files: {
      'compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: services/api/Dockerfile\n',
      'services/api/Dockerfile':
        'FROM node:20-bookworm-slim\nWORKDIR /repo\nCOPY . /repo\nRUN apt-get update && apt-get install -y --no-install-recommends git\nRUN npm ci\nRUN npm run build --workspace services/api\nCMD ["node", "services/api/index.js"]\n',
      'package.json': '{"name":"mono","private":true,"workspaces":["services/*"]}\n',
      'package-lock.json': '{"lockfileVersion":3}\n',
      'services/api/package.json': '{"name":"api","version":"1.0.0","scripts":{"build":"true"}}\n',
      'services/api/index.js': 'console.log(0);\n',
    },
  },
];

/** An edit of a file: a JSON file gets a new key, any other a new last line. */
function edited(path: string, text: string, n: number): string {
  if (path.endsWith('.json')) return `${JSON.stringify({ ...JSON.parse(text), [`revision${n}`]: n })}\n`;
  return `${text}${path.endsWith('.go') || path.endsWith('.js') ? '//' : '#'} ${n}\n`;
}

function git(dir: string, args: string[]): void {
  const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

function newRepo(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `layerfix-bench-${label}-`));
  git(dir, ['init', '-q', '-b', 'main']);
  return dir;
}

/** Mean commands per edit of one kind, before and after. */
function means(rows: CacheReportRow[], subject: string): { before: number; after: number; merges: number } {
  const chosen = rows.filter((r) => r.subject.startsWith(subject));
  const mean = (pick: (r: CacheReportRow) => number) =>
    chosen.reduce((n, r) => n + pick(r), 0) / Math.max(1, chosen.length);
  return {
    before: mean((r) => r.before.commands),
    after: mean((r) => r.after.commands),
    merges: mean((r) => r.after.commands - r.withoutMerges.commands),
  };
}

async function layoutRows(): Promise<string[][]> {
  const rows: string[][] = [];
  for (const layout of LAYOUTS) {
    const dir = newRepo('layout');
    try {
      const commits: ScriptedCommit[] = [{ message: 'initial', files: layout.files }];
      for (let i = 1; i <= 10; i++) {
        commits.push({
          message: `source edit ${i}`,
          files: { [layout.source]: edited(layout.source, layout.files[layout.source], i) },
        });
        commits.push({
          message: `manifest edit ${i}`,
          files: { [layout.manifest]: edited(layout.manifest, layout.files[layout.manifest], i) },
        });
      }
      writeHistory(dir, commits);
      const report = await cacheReport({ cwd: dir, paths: [layout.dockerfile], since: 'HEAD~20' });
      const file = report.files[0];
      const source = means(file.rows, 'source edit');
      const manifest = means(file.rows, 'manifest edit');
      rows.push([
        layout.name,
        num(source.before, 1),
        num(source.after, 1),
        num(manifest.before, 1),
        num(manifest.after, 1),
        num(manifest.merges + source.merges, 1),
        `${file.context} (${file.contextSource.replace(/ \(.*$/, '')})`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

/** A monorepo of `services` Dockerfiles over `commits` commits: source edits, manifest edits, now and then a Dockerfile edit. */
export function bigHistory(dir: string, services: number, commits: number): void {
  const name = (i: number) => `services/svc-${String(i).padStart(2, '0')}`;
  const files: Record<string, string> = {};
  for (let i = 0; i < services; i++) {
    files[`${name(i)}/Dockerfile`] = `${LAYOUTS[i % 3].files.Dockerfile}LABEL service=${i}\n`;
    for (const [path, text] of Object.entries(LAYOUTS[i % 3].files))
      if (path !== 'Dockerfile') files[`${name(i)}/${path}`] = text;
  }
  const scripted: ScriptedCommit[] = [{ message: 'initial', files }];
  let seed = 0x2545f491;
  // xorshift32: the same history on every run.
  const random = (n: number) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  for (let c = 1; c < commits; c++) {
    const i = random(services);
    const layout = LAYOUTS[i % 3];
    const kind = c % 25 === 0 ? 'Dockerfile' : c % 5 === 0 ? layout.manifest : layout.source;
    const path = `${name(i)}/${kind}`;
    const text = kind === 'Dockerfile' ? `${files[path]}LABEL revision=${c}\n` : edited(path, files[path], c);
    files[path] = text;
    scripted.push({
      message: `${kind === layout.source ? 'source' : kind === 'Dockerfile' ? 'Dockerfile' : 'manifest'} edit ${c}`,
      files: { [path]: text },
    });
  }
  writeHistory(dir, scripted);
}

async function historyTime(): Promise<{ ms: number; rows: number; runs: number[] }> {
  const dir = newRepo('history');
  try {
    bigHistory(dir, 32, 500);
    const runs: number[] = [];
    let rows = 0;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      const r = spawnSync(process.execPath, [BIN, 'cache-report', '--format', 'json'], {
        cwd: dir,
        encoding: 'utf8',
        maxBuffer: 512 * 1024 * 1024,
      });
      runs.push(performance.now() - start);
      if (r.status !== 0) throw new Error(`cache-report failed: ${r.stderr}`);
      const report = JSON.parse(r.stdout) as { files: { rows: unknown[] }[] };
      rows = report.files.reduce((n, f) => n + f.rows.length, 0);
    }
    return { ms: median(runs), rows, runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const rebuildBench: Bench = {
  name: 'rebuild',
  async run(): Promise<BenchReport> {
    const layouts = await layoutRows();
    const history = await historyTime();
    return {
      title: 'Rebuilds: shell commands rerun per edit, and cache-report on a long history',
      tables: [
        {
          caption:
            'Scripted histories (10 source edits, 10 manifest edits each): mean shell commands rerun per edit, before and after the default rewrite',
          headers: [
            'layout',
            'source edit before',
            'after',
            'manifest edit before',
            'after',
            'added by merges',
            'build context (found from)',
          ],
          rows: layouts,
        },
        {
          caption: 'cache-report over 500 commits x 32 Dockerfiles (the built CLI, whole process, median of 3)',
          headers: ['commits', 'Dockerfiles', '(commit, Dockerfile) rows', 'wall time'],
          rows: [['500', '32', num(history.rows), `${num(history.ms / 1000, 2)} s`]],
        },
      ],
      notes: [`cache-report runs: ${history.runs.map((ms) => `${num(ms / 1000, 2)} s`).join(', ')}.`],
    };
  },
};
