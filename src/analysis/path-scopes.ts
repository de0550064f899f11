/**
 * The working directory and the known variable values in effect at each instruction of a file, so that a COPY
 * destination and the folder a RUN works in can be compared as image paths. A stage built on an earlier stage starts
 * where that stage ended; one built on an image starts in the image's working directory: `/` or what an official image
 * sets, else a stand-in for a folder layerfix does not know.
 */
import { posix } from 'node:path';
import {
  memoizeByTree,
  stages,
  type InstructionNode,
  type InstructionView,
  type PairView,
  type Root,
} from '../engine/index.js';
import { imageStart } from './base-images.js';
import { stageBases } from './stage-bases.js';

/** The stand-in for a base image's working directory: an absolute path no real folder has. */
export const IMAGE_WORKDIR = '/?image-workdir';

/** What is known before an instruction runs: its working directory, user, PATH and the literal values of variables. */
export interface PathScope {
  /** The absolute working directory (under IMAGE_WORKDIR when it depends on the base image), or undefined when unknown. */
  workdir: string | undefined;
  /**
   * Variables with a literal value; a variable set to a non-literal value, or by an ARG (the build may pass any value),
   * maps to undefined.
   */
  env: ReadonlyMap<string, string | undefined>;
  /** The home folder of the user RUNs run as: `/root` for root; undefined when layerfix cannot tell it. */
  home: string | undefined;
  /** The user RUNs run as, as USER names it (`root` in the official images); undefined when layerfix cannot tell it. */
  user: string | undefined;
  /** The folders of PATH in order, when every part of it is known. */
  searchPath: readonly string[] | undefined;
}

/** The scope in effect before each instruction of every stage. */
export const pathScopes: (root: Root) => ReadonlyMap<InstructionNode, PathScope> = memoizeByTree(
  'layerfix.path-scopes',
  readScopes,
);

function readScopes(root: Root): Map<InstructionNode, PathScope> {
  const out = new Map<InstructionNode, PathScope>();
  const ends = new Map<string, PathScope>();
  const triggers = new Set<string>();
  const bases = stageBases(root);
  for (const stage of stages(root)) {
    const base = bases.get(stage)!;
    // A parent stage with ONBUILD triggers runs them first in this one (a WORKDIR or ENV among them): not followed.
    // A stage named through a build argument may be another one in a build that passes another value.
    const parent =
      'stage' in base && !triggers.has(base.stage) && !stage.base.includes('$') ? ends.get(base.stage) : undefined;
    // Official images layerfix knows run as root, most with the default PATH; others may set anything. A reference
    // with a variable may name another image in a build that passes another value.
    const official = 'image' in base && !stage.base.includes('$') ? imageStart(base.image) : undefined;
    const state: State = parent
      ? { ...parent }
      : {
          workdir: official?.workdir ?? IMAGE_WORKDIR,
          env: new Map(),
          home: official?.home,
          user: official ? 'root' : undefined,
          searchPath: official?.searchPath,
        };
    for (const view of stage.instructions) {
      out.set(view.node, { ...state });
      next(view, state);
    }
    if (stage.name) ends.set(stage.name.toLowerCase(), state);
    if (stage.name && stage.instructions.some((view) => view.name === 'onbuild'))
      triggers.add(stage.name.toLowerCase());
  }
  return out;
}

/** The scope as instructions change it; `env` is replaced, never changed, so scopes can share it. */
interface State {
  workdir: string | undefined;
  env: ReadonlyMap<string, string | undefined>;
  home: string | undefined;
  user: string | undefined;
  searchPath: readonly string[] | undefined;
}

function next(view: InstructionView, state: State): void {
  const env = state.env;
  if (view.name === 'workdir') {
    const path = expandPath(view.args, env);
    state.workdir = path === undefined || state.workdir === undefined ? undefined : posix.resolve(state.workdir, path);
  }
  if (view.name === 'user') {
    state.home = /^(root|0)(:.*)?$/.test(view.args.trim()) ? '/root' : undefined;
    const user = view.args.trim().split(':')[0];
    state.user = user && !user.includes('$') ? user : undefined;
  }
  if (view.name === 'env') {
    for (const pair of view.pairs ?? []) {
      if (pair.key === 'PATH') state.searchPath = searchPath(pair.value ?? '', state.searchPath, env);
      if (pair.key === 'HOME') state.home = pairValue(pair, env);
    }
  }
  if (view.name !== 'env' && view.name !== 'arg') return;
  const changed = new Map(env);
  for (const pair of view.pairs ?? []) {
    // A build argument's value is whatever the build passes, its default only when it passes none: not a fact. An
    // ENV of the same name wins over it.
    if (view.name === 'arg') changed.set(pair.key, changed.has(pair.key) ? changed.get(pair.key) : undefined);
    // Every pair of one ENV expands variables as they were before it (`ENV A=1 B=$A` gives B the old A).
    else changed.set(pair.key, pairValue(pair, env));
  }
  state.env = changed;
}

/** A PATH value with `$PATH` replaced by the one before; undefined when any part of it is not known. */
function searchPath(
  value: string,
  before: readonly string[] | undefined,
  env: ReadonlyMap<string, string | undefined>,
): readonly string[] | undefined {
  const unquoted = /^"([^"]*)"$/.exec(value)?.[1] ?? value;
  const dirs: string[] = [];
  for (const part of unquoted.split(':')) {
    if (part === '$PATH' || part === '${PATH}') {
      if (!before) return undefined;
      dirs.push(...before);
      continue;
    }
    const dir = expandPath(part, env);
    if (dir === undefined || !dir.startsWith('/')) return undefined;
    dirs.push(dir);
  }
  return dirs;
}

/**
 * The value of an ENV/ARG pair with its variables replaced by their values in `env`, when it is plain or quoted
 * without escapes; undefined otherwise.
 */
export function pairValue(
  pair: PairView,
  env: ReadonlyMap<string, string | undefined> = new Map(),
): string | undefined {
  const value = pair.value ?? '';
  if (/^[^'"$\\`\s]*$/.test(value)) return value;
  const quoted = /^"([^"$\\`]*)"$|^'([^']*)'$/.exec(value);
  if (quoted) return quoted[1] ?? quoted[2];
  // BuildKit substitutes `$NAME` and `${NAME}` in ENV and ARG values with the values set before.
  const plain = /^"([^"\\`]*)"$/.exec(value)?.[1] ?? (/^[^'"\\`\s]*$/.test(value) ? value : undefined);
  return plain === undefined ? undefined : expandPath(plain, env);
}

/**
 * A path with its variables replaced by their known values, read as BuildKit reads a WORKDIR or a COPY destination:
 * one word, whole in double quotes (variables expanded) or in single quotes (none), or unquoted. Undefined when a
 * variable has no known value, or the word has escapes, backquotes or quotes elsewhere.
 */
export function expandPath(text: string, env: ReadonlyMap<string, string | undefined>): string | undefined {
  const single = /^'([^'\\`]*)'$/.exec(text);
  if (single) return single[1].includes('$') ? undefined : single[1];
  const word = /^"([^"\\`]*)"$/.exec(text)?.[1] ?? text;
  if (/["'\\`]/.test(word)) return undefined;
  let unknown = false;
  const expanded = word.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_, braced: string | undefined, bare: string | undefined) => {
      const value = env.get(braced ?? bare ?? '');
      if (value === undefined) unknown = true;
      return value ?? '';
    },
  );
  return unknown || /\$/.test(expanded) ? undefined : expanded;
}

/** A path for messages: the base image's working directory said in words. */
export function showPath(path: string): string {
  if (path === IMAGE_WORKDIR) return "the base image's working directory";
  return path.startsWith(`${IMAGE_WORKDIR}/`)
    ? `${path.slice(IMAGE_WORKDIR.length + 1)} (under the base image's working directory)`
    : path;
}
