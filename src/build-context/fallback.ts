/**
 * The build context of a Dockerfile no build file decides on: the Dockerfile's folder when the file's own COPY/ADD
 * sources (from the context, not `--from`) and bind-mount sources all exist there, else the repository root when they
 * exist there, else none, with a message naming the first missing path. Runs where the file is read (a worker
 * thread), on its text, from the plain-data plan the planner made.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { BuildContext, contextSources as copySources, missingSource } from '../analysis/index.js';
import type { BuildSettings } from '../engine/index.js';
import { parse } from '../syntax/index.js';
import type { BuildInfo, BuildPlan } from './types.js';

/** The context-relative paths a Dockerfile reads from its build context: COPY/ADD sources and bind-mount sources. */
export function contextSources(text: string): string[] {
  return copySources(parse(text)).map((entry) => entry.source);
}

/** A build context that remembers which paths it has: the files of one repository ask about the same ones. */
class RememberingContext extends BuildContext {
  private readonly known = new Map<string, boolean>();

  override has(path: string): boolean {
    let found = this.known.get(path);
    if (found === undefined) this.known.set(path, (found = super.has(path)));
    return found;
  }
}

/** The contexts opened on this thread, by folder and ignore file; whether each Dockerfile has its own ignore file. */
const opened = new Map<string, BuildContext>();
const ownIgnore = new Map<string, boolean>();

/** The context `dir` of `dockerfile` through the ignore file in effect (`<Dockerfile>.dockerignore` first), or undefined. */
function openContext(dockerfile: string, dir: string): BuildContext | undefined {
  let own = ownIgnore.get(dockerfile);
  if (own === undefined) ownIgnore.set(dockerfile, (own = existsSync(`${dockerfile}.dockerignore`)));
  const key = own ? `${dir}\0${dockerfile}` : dir;
  let context = opened.get(key);
  if (!context) {
    if (!existsSync(dir)) return undefined;
    const ignoreFile = own
      ? `${dockerfile}.dockerignore`
      : existsSync(join(dir, '.dockerignore'))
        ? '.dockerignore'
        : undefined;
    context = new RememberingContext(dir, ignoreFile);
    if (opened.size > 10_000) opened.clear();
    opened.set(key, context);
  }
  return context;
}

/** The first source the context does not have (a glob must match something not ignored), or undefined. */
function firstMissing(context: BuildContext, sources: readonly string[]): string | undefined {
  return missingSource(
    context,
    sources.map((source) => ({ source })),
  )?.source;
}

function shown(root: string, dir: string): string {
  const rel = relative(root, dir).split(sep).join('/');
  return rel === '' ? '.' : rel;
}

/**
 * The pipeline's build settings and the report's build information for the Dockerfile at `path` with `text`, under
 * `plan`. Without a plan (an API call that names no path), nothing is known and both are empty.
 */
export function resolveBuild(
  plan: BuildPlan | undefined,
  text: string,
  path: string | undefined,
): { settings: BuildSettings; info?: BuildInfo } {
  if (!plan || !path) return { settings: {} };
  const notes = [...(plan.notes ?? [])];
  const builder = plan.podman ? { podman: plan.podman } : {};
  if (plan.context) {
    const settings: BuildSettings = {
      context: plan.context,
      ...(plan.contextSource ? { contextSource: plan.contextSource } : {}),
      ...(plan.target ? { target: plan.target } : {}),
      ...(plan.targets ? { targets: plan.targets } : {}),
      ...(plan.ignoreFile ? { ignoreFile: plan.ignoreFile } : {}),
      ...builder,
    };
    return {
      settings,
      info: {
        context: plan.context,
        source: plan.contextSource ?? 'given',
        ...(plan.target ? { target: plan.target } : {}),
        notes,
      },
    };
  }
  if (plan.unknown)
    return {
      settings: { contextUnknown: plan.unknown, ...builder },
      info: { source: 'none', unknown: plan.unknown, notes },
    };
  const root = plan.fallbackRoot ?? dirname(path);
  const own = dirname(resolve(path));
  const sources = contextSources(text);
  const tried: [string, string][] = [];
  for (const dir of own === root ? [own] : [own, root]) {
    const context = openContext(resolve(path), dir);
    if (!context) continue;
    const missing = firstMissing(context, sources);
    // A build that may be of this file, from another folder, makes the guess unsafe (red team 33).
    const other =
      missing === undefined ? plan.mightBuildFrom?.find((m) => m.context !== dir || m.ignoreFile) : undefined;
    if (other) {
      const through = other.ignoreFile ? ` through ${shown(root, other.ignoreFile)}` : '';
      const unknown = `${other.source} may build it (its Dockerfile is not known) from ${shown(root, other.context)}${through}, not as the fallback reads ${dir === own ? "the Dockerfile's folder" : 'the repository root'}, where its COPY sources are, so its build context is not known`;
      return { settings: { contextUnknown: unknown, ...builder }, info: { source: 'none', unknown, notes } };
    }
    if (missing === undefined) {
      const source =
        dir === own
          ? `fallback: the Dockerfile's folder (no build file names it${sources.length ? '; its COPY sources are all there' : ''})`
          : `fallback: the repository root (no build file names it; its COPY sources are there, not in the Dockerfile's folder: ${tried[0]?.[1]} is missing)`;
      return { settings: { context: dir, contextSource: source, ...builder }, info: { context: dir, source, notes } };
    }
    tried.push([dir, missing]);
  }
  const where = tried
    .map(
      ([dir, missing]) =>
        `${missing} is not in ${dir === own ? "the Dockerfile's folder" : `the repository root (${shown(own, dir)})`}`,
    )
    .join(', and ');
  const unknown = `no build context: no build file names this Dockerfile, and its COPY sources are in neither folder tried: ${where}`;
  return { settings: { contextUnknown: unknown, ...builder }, info: { source: 'none', unknown, notes } };
}
