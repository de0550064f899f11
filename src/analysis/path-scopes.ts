/**
 * The working directory and the known variable values in effect at each instruction of a file, so that a COPY
 * destination and the folder a RUN works in can be compared as image paths. A stage built on an earlier stage starts
 * where that stage ended; one built on an image starts in the image's working directory, which layerfix does not know.
 */
import { posix } from 'node:path';
import { instructionView, memoizeByTree, stages, type InstructionNode, type InstructionView, type PairView, type Root } from '../engine/index.js';

/** The stand-in for a base image's working directory: an absolute path no real folder has. */
export const IMAGE_WORKDIR = '/?image-workdir';

/** What is known before an instruction runs: its working directory and the literal values of variables. */
export interface PathScope {
  /** The absolute working directory (under IMAGE_WORKDIR when it depends on the base image), or undefined when unknown. */
  workdir: string | undefined;
  /** Variables with a literal value; a variable set to a non-literal value maps to undefined. */
  env: ReadonlyMap<string, string | undefined>;
}

/** The scope in effect before each instruction of every stage. */
export const pathScopes: (root: Root) => ReadonlyMap<InstructionNode, PathScope> = memoizeByTree('layerfix.path-scopes', readScopes);

function readScopes(root: Root): Map<InstructionNode, PathScope> {
  const out = new Map<InstructionNode, PathScope>();
  const globals = new Map<string, string | undefined>();
  for (const node of root.children) {
    if (node.type !== 'instruction') continue;
    const view = instructionView(node, root.data.escape);
    if (view.name === 'from') break;
    if (view.name === 'arg') for (const pair of view.pairs ?? []) globals.set(pair.key, literal(pair));
  }
  const ends = new Map<string, PathScope>();
  for (const stage of stages(root)) {
    const parent = ends.get(stage.base.toLowerCase());
    let workdir = parent ? parent.workdir : IMAGE_WORKDIR;
    const env = new Map(parent?.env ?? []);
    for (const view of stage.instructions) {
      out.set(view.node, { workdir, env: new Map(env) });
      workdir = next(view, workdir, env, globals);
    }
    if (stage.name) ends.set(stage.name.toLowerCase(), { workdir, env });
  }
  return out;
}

function next(view: InstructionView, workdir: string | undefined, env: Map<string, string | undefined>, globals: Map<string, string | undefined>): string | undefined {
  if (view.name === 'workdir') {
    const path = expandPath(view.args, env);
    return path === undefined || workdir === undefined ? undefined : posix.resolve(workdir, path);
  }
  if (view.name === 'env') for (const pair of view.pairs ?? []) env.set(pair.key, literal(pair));
  if (view.name === 'arg') {
    for (const pair of view.pairs ?? []) {
      if (pair.form === 'name') env.set(pair.key, env.has(pair.key) ? env.get(pair.key) : globals.get(pair.key));
      else env.set(pair.key, literal(pair));
    }
  }
  return workdir;
}

/** The value of an ENV/ARG pair when it is a literal (plain, or quoted without expansions or escapes). */
function literal(pair: PairView): string | undefined {
  const value = pair.value ?? '';
  if (/^[^'"$\\`\s]*$/.test(value)) return value;
  const quoted = /^"([^"$\\`]*)"$|^'([^']*)'$/.exec(value);
  return quoted ? (quoted[1] ?? quoted[2]) : undefined;
}

/**
 * A path with known variables replaced. Variables with no known value stay as written (the same text means the same
 * value within a stage); undefined when the path starts with one (whether it is absolute is then unknown) or is quoted.
 */
export function expandPath(text: string, env: ReadonlyMap<string, string | undefined>): string | undefined {
  if (/["'\\`]/.test(text)) return undefined;
  let unknownAtStart = false;
  const expanded = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (match, braced: string | undefined, bare: string | undefined, offset: number) => {
    const value = env.get(braced ?? bare ?? '');
    if (value !== undefined) return value;
    if (offset === 0) unknownAtStart = true;
    return match;
  });
  return unknownAtStart ? undefined : expanded;
}

/** A path for messages: the base image's working directory said in words. */
export function showPath(path: string): string {
  if (path === IMAGE_WORKDIR) return "the base image's working directory";
  return path.startsWith(`${IMAGE_WORKDIR}/`) ? `${path.slice(IMAGE_WORKDIR.length + 1)} (under the base image's working directory)` : path;
}
