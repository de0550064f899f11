/**
 * What BuildKit knows when it dispatches each instruction of a stage: the variables set (the base image's, `ENV`, ARGs
 * with a value), the ARG names declared, and whether a WORKDIR came before. A stage built on an earlier stage starts
 * where that stage ended; one built on an image starts with the image's environment, known for a few official images
 * only. Also the words of each instruction BuildKit expands, where the checks look for variables.
 */
import {
  memoizeByTree,
  stages,
  variableReferences,
  type InstructionNode,
  type InstructionView,
  type Root,
  type Stage,
} from '../../src/engine/index.js';
import { stageBases } from '../../src/analysis/index.js';
import { globalArgs } from './global-args.js';
import { imageEnvironment } from './images.js';
import { memoizeByBuild, type BuildArgs } from './support.js';
import { expandWord, type Variables } from './words.js';

/** What is known before an instruction is dispatched. */
export interface DispatchState {
  /** The variables set, by name (undefined: set to a value layerfix cannot evaluate); the base image's only where known. */
  env: Variables;
  /** The base image may set variables layerfix does not know (see `unknownEnvironments`). */
  open: boolean;
  /** The ARG names declared in the stage and the stages it is built on. */
  declared: ReadonlySet<string>;
  /** Whether a WORKDIR came before, in the stage or a stage it is built on. */
  workdirSet: boolean;
}

/** The instructions whose dispatch state the checks read (those BuildKit expands, and EXPOSE); others have none. */
const STATEFUL = new Set([
  'env',
  'label',
  'copy',
  'add',
  'workdir',
  'user',
  'stopsignal',
  'volume',
  'arg',
  'run',
  'expose',
]);

/**
 * The stages whose environment layerfix does not know, with the image that may set any variable: a stage built on an
 * image other than those whose environment is known (see `imageEnvironment`), or on such a stage.
 */
export const unknownEnvironments: (root: Root) => ReadonlyMap<Stage, string> = memoizeByTree(
  'layerfix.checks.unknown-environments',
  (root) => {
    const out = new Map<Stage, string>();
    const byName = new Map<string, string | undefined>();
    const bases = stageBases(root);
    for (const stage of stages(root)) {
      const base = bases.get(stage)!;
      const unknown =
        'stage' in base
          ? byName.get(base.stage)
          : 'image' in base && imageEnvironment(base.image)
            ? undefined
            : 'image' in base
              ? base.image
              : stage.base;
      if (unknown !== undefined) out.set(stage, unknown);
      if (stage.name) byName.set(stage.name.toLowerCase(), unknown);
    }
    return out;
  },
);

/** BuildKit sets PATH in every stage that has none. */
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

interface State {
  env: Map<string, string | undefined>;
  open: boolean;
  declared: Set<string>;
  workdirSet: boolean;
}

/** A state to record or build on: its variables and names are shared until an ENV or ARG changes them (copy on write). */
const copyState = (state: State): State => ({ ...state });

/** The dispatch state before each instruction of every stage that the checks read, for a build passing `args`. */
export const dispatchStates: (root: Root, args?: BuildArgs) => ReadonlyMap<InstructionNode, DispatchState> =
  memoizeByBuild('layerfix.checks.dispatch', (root, args) => readStates(root, args, true));

/** The same, with which variables are set but not their values (every value undefined): all UndefinedVar needs, and cheaper. */
export const setVariables: (root: Root, args?: BuildArgs) => ReadonlyMap<InstructionNode, DispatchState> =
  memoizeByBuild('layerfix.checks.set-variables', (root, args) => readStates(root, args, false));

function readStates(root: Root, args: BuildArgs, values: boolean): Map<InstructionNode, DispatchState> {
  const out = new Map<InstructionNode, DispatchState>();
  const globals = globalArgs(root, args).values;
  const ends = new Map<string, State>();
  const bases = stageBases(root);
  const unknown = unknownEnvironments(root);
  for (const stage of stages(root)) {
    const base = bases.get(stage)!;
    const parent = 'stage' in base ? ends.get(base.stage) : undefined;
    let state: State;
    if (parent) state = copyState(parent);
    else
      state = {
        env: new Map([['PATH', DEFAULT_PATH]]),
        open: unknown.has(stage),
        declared: new Set(),
        workdirSet: false,
      };
    for (const view of stage.instructions) {
      if (STATEFUL.has(view.name)) out.set(view.node, copyState(state));
      advance(view, state, globals, args, values ? root.data.escape : undefined);
    }
    if (stage.name) ends.set(stage.name.toLowerCase(), state);
  }
  return out;
}

/** The state after an instruction; without `escape`, the values are not evaluated (each is undefined). */
function advance(
  view: InstructionView,
  state: State,
  globals: Variables,
  args: BuildArgs,
  escape: '\\' | '`' | undefined,
): void {
  const value = (text: string | undefined, env: Variables) =>
    text === undefined || escape === undefined ? undefined : expandWord(text, env, escape).value;
  if (view.name === 'workdir') state.workdirSet = true;
  if (view.name === 'env') {
    const before = state.env;
    state.env = new Map(before);
    for (const pair of view.pairs ?? []) state.env.set(pair.key, value(pair.value, before));
  }
  if (view.name === 'arg') {
    state.env = new Map(state.env);
    state.declared = new Set(state.declared);
    for (const pair of view.pairs ?? []) {
      let given: string | undefined;
      let set = true;
      if (pair.key in args) given = escape === undefined ? undefined : args[pair.key];
      else if (pair.value !== undefined) given = value(pair.value, state.env);
      else if (globals.has(pair.key)) given = escape === undefined ? undefined : globals.get(pair.key);
      else set = false;
      if (set && !NOT_IN_ENV.has(pair.key)) state.env.set(pair.key, given);
      state.declared.add(pair.key);
    }
  }
}

/** Build arguments BuildKit reads itself and never puts in the environment. */
export const NOT_IN_ENV: ReadonlySet<string> = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);

/** A word expanded with what is set before an instruction; undefined when it reads a variable the base image may set. */
export function expandAt(word: string, state: DispatchState | undefined, escape: '\\' | '`'): string | undefined {
  const expansion = expandWord(word, state?.env ?? new Map(), escape);
  return (state?.open ?? true) && expansion.unmatched.size ? undefined : expansion.value;
}

/** A word BuildKit expands, and the lexer it uses: the file's escape, or (heredoc bodies) a backslash and no quotes. */
export interface ExpandedWord {
  text: string;
  raw: boolean;
}

const HEREDOC_MARKER = /^<<-?(["']?)([^"']+)\1$/;

/** The source and destination words of a COPY/ADD (heredoc markers left out; JSON form read as its strings). */
export function copyWords(view: InstructionView): string[] {
  const words =
    view.form === 'exec'
      ? (view.exec ?? [])
      : view.buildkit.next.filter((word): word is string => typeof word === 'string');
  const heredocs = new Set(view.heredocs.map((doc) => doc.name));
  return words.filter((word) => !heredocs.has(HEREDOC_MARKER.exec(word)?.[2] ?? ''));
}

/** The words of an instruction that BuildKit expands before dispatching it (not ARG, whose defaults it expands one by one). */
export function expandedWords(view: InstructionView): ExpandedWord[] {
  const plain = (text: string): ExpandedWord => ({ text, raw: false });
  const flags = (...names: string[]) =>
    view.flags
      .filter((flag) => names.includes(flag.name) && flag.value !== undefined)
      .map((flag) => plain(flag.value!));
  switch (view.name) {
    case 'env':
    case 'label':
      return (view.pairs ?? []).flatMap((pair) => [
        plain(pair.key),
        ...(pair.value !== undefined ? [plain(pair.value)] : []),
      ]);
    case 'copy':
    case 'add':
      return [
        ...flags('chown', 'chmod', ...(view.name === 'add' ? ['checksum'] : [])),
        ...copyWords(view).map(plain),
        ...view.heredocs.filter((doc) => doc.expand).map((doc) => ({ text: doc.content, raw: true })),
      ];
    case 'run':
      return view.flags
        .filter((flag) => flag.name === 'mount')
        .flatMap((flag) =>
          (flag.fields ?? []).filter((field) => field.value !== undefined).map((field) => plain(field.value!)),
        );
    case 'workdir':
    case 'user':
    case 'stopsignal':
      return [plain(view.args)];
    case 'volume':
      return (view.form === 'exec' ? (view.exec ?? []) : view.args.split(/[\t\v\f\r ]+/).filter(Boolean)).map(plain);
    default:
      return [];
  }
}

/** The names of the variables a word reads, in order, each once. */
export function variablesOf(word: ExpandedWord, escape: '\\' | '`'): string[] {
  // A heredoc body is expanded without quote processing: a quote there is a plain character.
  const refs = word.raw
    ? variableReferences(word.text.replace(/['"]/g, '\u0001'), '\\')
    : variableReferences(word.text, escape);
  return [...new Set(refs.map((ref) => ref.name).filter(Boolean))];
}
