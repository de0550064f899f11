/**
 * Install hooks of dependencies that read or write the project's own files: npm, Yarn 1 and pnpm run a dependency's
 * `install` scripts in the project, and some of them read more than the manifests (`@prisma/client` runs
 * `prisma generate` on the schema) or write into the sources (`msw` copies its worker script). Each entry of the table
 * says, for a project that installs the package, which files to copy with the manifests, or why the split cannot
 * keep the install the same.
 */
import { posix } from 'node:path';
import { gitInCopy, present, readProject } from './common.js';
import { wanted } from './node-lockfile.js';
import type { ProjectFolder } from './types.js';

/** What a hook needs: files to copy with the manifests (project-relative), or a decline. */
type HookNeeds = { files: string[] } | { decline: string };

/** One dependency whose install hook reads or writes project files. */
interface Hook {
  /** The npm package name. */
  name: string;
  /** What the hook needs in this project; `manifest` is the project's package.json. */
  needs(project: ProjectFolder, manifest: Record<string, unknown>): HookNeeds;
}

/** Files of the project that exist in the copy, project-relative. */
const existing = (project: ProjectFolder, names: string[]) =>
  names.filter((name) => present(project, [name]).length > 0);

/** `prisma generate`, run by @prisma/client's postinstall: the schema (and the .env files Prisma loads with it). */
function prismaNeeds(project: ProjectFolder, manifest: Record<string, unknown>): HookNeeds {
  const config = existing(project, [
    'prisma.config.ts',
    'prisma.config.js',
    'prisma.config.mjs',
    'prisma.config.cjs',
    'prisma.config.mts',
    'prisma.config.cts',
    '.config/prisma.ts',
  ]);
  if (config.length)
    return {
      decline: `@prisma/client's install hook runs \`prisma generate\`, which loads ${config[0]}, code that may read any file`,
    };
  const settings =
    manifest.prisma && typeof manifest.prisma === 'object' ? (manifest.prisma as Record<string, unknown>) : {};
  const named = typeof settings.schema === 'string' ? [settings.schema] : [];
  const [schema] = existing(project, named.length ? named : ['schema.prisma', 'prisma/schema.prisma', 'prisma/schema']);
  if (schema === undefined) return { files: [] };
  const path = project.path(schema)!;
  const texts = project.context.isDirectory(path) ? undefined : [readProject(project, schema) ?? ''];
  if (!texts)
    return {
      decline: `@prisma/client's install hook runs \`prisma generate\` on the schema folder ${path}, which layerfix does not read`,
    };
  for (const text of texts) {
    const code = text.replace(/\/\/.*$/gm, '');
    for (const block of code.matchAll(/\bgenerator\s+\w+\s*\{([^}]*)\}/g)) {
      const provider = /\bprovider\s*=\s*"([^"]*)"/.exec(block[1])?.[1];
      if (provider !== 'prisma-client-js')
        return {
          decline: `@prisma/client's install hook runs \`prisma generate\`, and ${path} has the generator \`${provider ?? '?'}\`, which layerfix does not know`,
        };
      if (/\boutput\s*=/.test(block[1]))
        return {
          decline: `@prisma/client's install hook runs \`prisma generate\`, and ${path} writes the client into the project (\`output\`), where the COPY would then put the context's files`,
        };
    }
  }
  const envFiles = existing(project, ['.env', posix.join(posix.dirname(schema), '.env')]);
  return { files: [schema, ...envFiles] };
}

/** A hook that writes git hooks into `.git`: the COPY would put the context's `.git` back over what it wrote. */
function gitHooksNeeds(name: string): (project: ProjectFolder) => HookNeeds {
  return (project) => {
    const git = gitInCopy(project);
    return git
      ? {
          decline: `${name}'s install hook writes git hooks into ${git}, which the build context holds and the COPY would then put back (add .git to .dockerignore)`,
        }
      : { files: [] };
  };
}

/** puppeteer's configuration files (cosmiconfig's search places) that are code, which may read any file. */
const PUPPETEER_CODE = ['js', 'cjs', 'mjs', 'ts'].flatMap((ext) => [
  `.puppeteerrc.${ext}`,
  `.config/puppeteerrc.${ext}`,
  `puppeteer.config.${ext}`,
]);
/** puppeteer's configuration files that are data, copied with the manifests. */
const PUPPETEER_DATA = ['', '.json', '.yaml', '.yml'].flatMap((ext) => [
  `.puppeteerrc${ext}`,
  `.config/puppeteerrc${ext}`,
]);

/**
 * The first puppeteer configuration in a folder of the build context above the project, or undefined: one of its
 * files, or a package.json with a `puppeteer` key (cosmiconfig's first search place: red team 33).
 */
function puppeteerAbove(project: ProjectFolder): string | undefined {
  let dir = project.dir;
  while (dir && dir !== '.') {
    dir = posix.dirname(dir);
    const folder = dir === '.' ? '' : dir;
    const found = [...PUPPETEER_CODE, ...PUPPETEER_DATA].find((name) => project.context.has(posix.join(folder, name)));
    if (found) return posix.join(folder, found);
    const manifest = posix.join(folder, 'package.json');
    if (/"puppeteer"\s*:\s*\{/.test(project.context.read(manifest) ?? '')) return `${manifest} (its puppeteer key)`;
  }
  return undefined;
}

/** The dependencies whose install hooks read or write more than the manifests. */
const HOOKS: readonly Hook[] = [
  { name: '@prisma/client', needs: prismaNeeds },
  {
    name: 'puppeteer',
    needs(project) {
      // cosmiconfig's names (puppeteer 24 searches them in every folder up from the project: red team 31).
      const code = existing(project, PUPPETEER_CODE);
      if (code.length) return { decline: `puppeteer's install hook loads ${code[0]}, code that may read any file` };
      const above = puppeteerAbove(project);
      if (above)
        return {
          decline: `puppeteer's install hook reads its configuration from the folders above the project too, and ${above} may hold one`,
        };
      return { files: existing(project, PUPPETEER_DATA) };
    },
  },
  {
    name: 'nx',
    needs: (project) =>
      existing(project, ['nx.json']).length
        ? { decline: "nx's install hook reads nx.json and the workspace's projects, which are not all manifests" }
        : { files: [] },
  },
  {
    name: 'msw',
    needs: (_project, manifest) =>
      manifest.msw && typeof manifest.msw === 'object' && 'workerDirectory' in manifest.msw
        ? {
            decline:
              "msw's install hook copies its worker script into the folder package.json names (msw.workerDirectory), where the COPY would then put the context's copy back",
          }
        : { files: [] },
  },
  ...['husky', 'simple-git-hooks', 'yorkie', 'lefthook', 'pre-commit', 'ghooks'].map((name) => ({
    name,
    needs: gitHooksNeeds(name),
  })),
];

/** Whether a project installs a package: its manifest depends on it, or a lockfile of the project names it. */
function installs(name: string, manifest: Record<string, unknown>, lockfiles: string): boolean {
  if (wanted(manifest).has(name)) return true;
  const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(^|[\\s"',/])${escaped}(@|/\\d|":|$)|node_modules/${escaped}"`, 'm').test(lockfiles);
}

/**
 * What the install hooks of a project's dependencies need: the files to copy with the manifests (project-relative),
 * or why the split cannot keep the install the same. `manifests` are the package.json values of the project and its
 * workspaces; `lockfiles` the text of its lockfiles.
 */
export function hookNeeds(
  project: ProjectFolder,
  manifests: ReadonlyArray<Record<string, unknown>>,
  lockfiles: string,
): HookNeeds {
  const files: string[] = [];
  for (const hook of HOOKS) {
    if (!manifests.some((manifest) => installs(hook.name, manifest, lockfiles))) continue;
    const needs = hook.needs(project, manifests[0]);
    if ('decline' in needs) return needs;
    files.push(...needs.files);
  }
  return { files };
}
