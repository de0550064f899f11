/**
 * The build context of a Dockerfile no build file decides on: the Dockerfile's folder when the file's own COPY/ADD
 * sources (from the context, not `--from`) and bind-mount sources all exist there, else the repository root when they
 * exist there, else none, with a message naming the first missing path. Runs where the file is read (a worker
 * thread), on its text, from the plain-data plan the planner made.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import { globSync } from 'tinyglobby';
import { openBuildContext, type BuildContext } from '../analysis/index.js';
import type { BuildSettings } from '../engine/index.js';
import { parse, stages, type InstructionView } from '../syntax/index.js';
import type { BuildInfo, BuildPlan } from './types.js';

/** The context-relative paths a Dockerfile reads from its build context: COPY/ADD sources and bind-mount sources. */
export function contextSources(text: string): string[] {
  const out: string[] = [];
  for (const stage of stages(parse(text))) {
    for (const view of stage.instructions) {
      if (view.name === 'copy' || view.name === 'add') {
        if (view.flags.some((f) => f.name === 'from')) continue;
        const words = (view.exec ?? view.buildkit.next) as string[];
        for (const word of words.slice(0, -1)) if (!word.startsWith('<<')) out.push(word);
      } else if (view.name === 'run') out.push(...bindSources(view));
    }
  }
  return out.filter((source) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(source) && !source.startsWith('git@') && !source.includes('$'));
}

function bindSources(view: InstructionView): string[] {
  const out: string[] = [];
  for (const flag of view.flags) {
    if (flag.name !== 'mount' || !flag.fields) continue;
    const get = (key: string) => flag.fields!.find((f) => f.key === key)?.value;
    if (get('type') === 'bind' && get('from') === undefined) out.push(get('source') ?? get('src') ?? '.');
  }
  return out;
}

/** The first source the context does not have (a glob must match something not ignored), or undefined. */
function firstMissing(context: BuildContext, sources: readonly string[]): string | undefined {
  for (const source of sources) {
    if (/[*?[]/.test(source)) {
      const pattern = source.replace(/\\/g, '/').replace(/^\/+|^(\.\/)+/g, '');
      let found: string[] = [];
      try {
        found = globSync(pattern, { cwd: context.dir, dot: true, onlyFiles: false, expandDirectories: false });
      } catch {
        found = [];
      }
      if (!found.some((path) => context.has(path))) return source;
    } else if (!context.has(source)) return source;
  }
  return undefined;
}

function shown(root: string, dir: string): string {
  const rel = relative(root, dir).split(sep).join('/');
  return rel === '' ? '.' : rel;
}

/**
 * The pipeline's build settings and the report's build information for the Dockerfile at `path` with `text`, under
 * `plan`. Without a plan (an API call that names no path), nothing is known and both are empty.
 */
export function resolveBuild(plan: BuildPlan | undefined, text: string, path: string | undefined): { settings: BuildSettings; info?: BuildInfo } {
  if (!plan || !path) return { settings: {} };
  const notes = [...(plan.notes ?? [])];
  if (plan.context) {
    const settings: BuildSettings = { context: plan.context, ...(plan.contextSource ? { contextSource: plan.contextSource } : {}), ...(plan.target ? { target: plan.target } : {}) };
    return { settings, info: { context: plan.context, source: plan.contextSource ?? 'given', ...(plan.target ? { target: plan.target } : {}), notes } };
  }
  const root = plan.fallbackRoot ?? dirname(path);
  const own = dirname(resolve(path));
  const sources = contextSources(text);
  const tried: [string, string][] = [];
  for (const dir of own === root ? [own] : [own, root]) {
    const lookup = openBuildContext(path, dir);
    if (!('context' in lookup)) continue;
    const missing = firstMissing(lookup.context, sources);
    if (missing === undefined) {
      const source =
        dir === own
          ? `fallback: the Dockerfile's folder (no build file names it${sources.length ? '; its COPY sources are all there' : ''})`
          : `fallback: the repository root (no build file names it; its COPY sources are there, not in the Dockerfile's folder: ${tried[0]?.[1]} is missing)`;
      return { settings: { context: dir, contextSource: source }, info: { context: dir, source, notes } };
    }
    tried.push([dir, missing]);
  }
  const where = tried.map(([dir, missing]) => `${missing} is not in ${dir === own ? "the Dockerfile's folder" : `the repository root (${shown(own, dir)})`}`).join(', and ');
  const unknown = `no build context: no build file names this Dockerfile, and its COPY sources are in neither folder tried: ${where}`;
  return { settings: { contextUnknown: unknown }, info: { source: 'none', unknown, notes } };
}
