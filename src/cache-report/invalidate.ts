/**
 * Which instructions a change invalidates, as BuildKit's cache sees it: a COPY/ADD whose sources match a changed
 * context path, the first instruction whose text changed, a `COPY --from`/`--mount from=` on an invalidated stage, and
 * everything after the first invalidated instruction of a stage; only the stages the target is built from count.
 * What reruns is counted in shell commands (a RUN's commands split at `&&`, `||`, `;` and newlines, read with the
 * shell view; a pipeline is one command) and in RUN steps.
 */
import { posix } from 'node:path';
import ignore from 'ignore';
import { bindSources, copyWords, expandPath, pairValue, referencedStage, stageReferences } from '../analysis/index.js';
import { shellView } from '../shell/index.js';
import { instructions, parse, print, stages, type InstructionView, type Stage } from '../syntax/index.js';

/** What changed for one build: context paths (relative to the context, not ignored) and the previous file text. */
export interface Change {
  /** Changed context-relative paths, already filtered through `.dockerignore`. */
  paths: readonly string[];
  /** The Dockerfile text before the change; undefined when unknown or new (then everything is rebuilt); equal text when unchanged. */
  previous: string | undefined;
  /** The stage built (`--target`); the last stage when unset or not found. */
  target?: string;
  /** The build arguments the build passes (`--build-arg`); the others take their defaults. */
  args?: Readonly<Record<string, string>>;
}

/** The cache outcome for one Dockerfile text. */
export interface Rebuild {
  /** Shell commands rerun, across the RUNs rebuilt. */
  commands: number;
  /** RUN instructions rebuilt, across stages. */
  runs: number;
  /** Instructions rebuilt, across stages (FROM not counted). */
  instructions: number;
}

/**
 * The sources of a COPY/ADD (without `--from`), with the variables `env` gives values replaced (a word with another
 * variable is left as written); undefined for other instructions.
 */
export function copySources(
  view: InstructionView,
  env: ReadonlyMap<string, string | undefined> = new Map(),
): string[] | undefined {
  if (view.name !== 'copy' && view.name !== 'add') return undefined;
  return (copyWords(view) ?? [])
    .slice(0, -1)
    .filter((w) => !w.startsWith('<<'))
    .map((word) => (word.includes('$') ? (expandPath(word, env) ?? word) : word));
}

/**
 * The variables in effect before each instruction of each stage, as BuildKit expands a COPY's words: an ARG has the
 * value the build passes, else its default (a global ARG's when the stage declares it without one); an ENV wins over
 * an ARG of its name, and a stage built on another keeps its ENVs, not its ARGs. A value layerfix cannot read is
 * unknown.
 */
function stageVariables(
  globals: ReadonlyMap<string, string | undefined>,
  list: readonly Stage[],
  args: Readonly<Record<string, string>>,
): Array<Array<ReadonlyMap<string, string | undefined>>> {
  const ends = new Map<number, Map<string, string | undefined>>();
  const envs = new Map<number, Set<string>>();
  return list.map((stage, s) => {
    const parent = referencedStage(list, stage.base, s);
    const env = new Map(
      parent ? [...(ends.get(parent.index) ?? [])].filter(([k]) => envs.get(parent.index)?.has(k)) : [],
    );
    const set = new Set(parent ? envs.get(parent.index) : []);
    const out = stage.instructions.map((view) => {
      const before = new Map(env);
      for (const pair of view.name === 'env' || view.name === 'arg' ? (view.pairs ?? []) : []) {
        if (view.name === 'env') {
          env.set(pair.key, pairValue(pair, before));
          set.add(pair.key);
        } else if (!set.has(pair.key)) {
          const fallback = pair.value === undefined ? globals.get(pair.key) : pairValue(pair, before);
          env.set(pair.key, Object.hasOwn(args, pair.key) ? args[pair.key] : fallback);
        }
      }
      return before;
    });
    ends.set(s, env);
    envs.set(s, set);
    return out;
  });
}

const matchers = new Map<string, (path: string) => boolean>();

/** Whether a COPY/ADD source pattern covers a context-relative path (`.`, `*` and unresolved variables cover all). */
export function sourceMatches(source: string, path: string): boolean {
  let match = matchers.get(source);
  if (!match) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) || source.startsWith('git@')) match = () => false;
    else if (source.includes('$')) match = () => true;
    else {
      const clean = posix
        .normalize(source.replace(/\\/g, '/'))
        .replace(/^\/+/, '')
        .replace(/^(\.\/)+|\/+$/g, '');
      if (clean === '' || clean === '.') match = () => true;
      else {
        const rules = ignore().add(`/${clean}`);
        match = (p) => rules.ignores(p);
      }
    }
    matchers.set(source, match);
  }
  return match(path);
}

const commandCounts = new Map<string, number>();

/** The shell commands of a shell text: simple commands outside substitutions, a pipeline counting once. */
export function shellCommands(text: string, shell: string[] | null = null): number {
  const key = shell ? `${JSON.stringify(shell)}\0${text}` : text;
  const known = commandCounts.get(key);
  if (known !== undefined) return known;
  const view = shellView(text, { shell });
  let count = 0;
  if (!view.posix) count = 1;
  else {
    let previous: { end: number } | undefined;
    for (const command of view.commands) {
      if (
        command.context.some((c) => c === 'command-substitution' || c === 'process-substitution' || c === 'arithmetic')
      )
        continue;
      const joined =
        previous &&
        command.context.includes('pipeline') &&
        /^[\s\\]*\|&?[\s\\]*$/.test(text.slice(previous.end, command.start));
      previous = command;
      if (!joined) count++;
    }
  }
  count = Math.max(count, 1);
  if (commandCounts.size > 50_000) commandCounts.clear();
  commandCounts.set(key, count);
  return count;
}

/** The shell commands of one RUN (exec form: one; a heredoc script: its commands). */
function runCommands(view: InstructionView, shell: string[] | null): number {
  if (view.form === 'exec') return 1;
  if (view.heredocs.length && view.args.trimStart().startsWith('<<')) {
    return Math.max(
      1,
      view.heredocs.reduce((n, heredoc) => n + shellCommands(heredoc.content, shell), 0),
    );
  }
  return shellCommands(view.args, shell);
}

/** A parsed Dockerfile, kept for every row that measures the same text. */
interface Parsed {
  stages: readonly Stage[];
  /** The ARGs before the first FROM, with their defaults (undefined: none, or one layerfix cannot read). */
  globals: ReadonlyArray<[string, string | undefined]>;
  /** Per set of build arguments (as JSON), the variables before each instruction of each stage. */
  variables: Map<string, Array<Array<ReadonlyMap<string, string | undefined>>>>;
  /** Per stage, the printed text of its FROM and instructions. */
  texts: string[][];
  /** Per stage, the shell commands of each instruction (0 for non-RUNs). */
  commands: number[][];
}

const parsedTexts = new Map<string, Parsed>();

function parsed(text: string): Parsed {
  let known = parsedTexts.get(text);
  if (known) return known;
  const root = parse(text);
  const list = stages(root);
  const globals: Array<[string, string | undefined]> = [];
  for (const view of instructions(root)) {
    if (view.name === 'from') break;
    for (const pair of view.name === 'arg' ? (view.pairs ?? []) : [])
      globals.push([pair.key, pair.value === undefined ? undefined : pairValue(pair, new Map(globals))]);
  }
  const commands = list.map((stage) => {
    let shell: string[] | null = null;
    return stage.instructions.map((view) => {
      if (view.name === 'shell' && view.exec) shell = view.exec;
      return view.name === 'run' ? runCommands(view, shell) : 0;
    });
  });
  known = {
    stages: list,
    globals,
    variables: new Map(),
    texts: list.map((stage) => [stage.from, ...stage.instructions].map((view) => print(view.node).trimEnd())),
    commands,
  };
  if (parsedTexts.size > 2_000) parsedTexts.clear();
  parsedTexts.set(text, known);
  return known;
}

/** The index of each stage the target is built from (the target, its bases, the stages it copies or mounts from). */
function neededStages(list: readonly Stage[], target: string | undefined): Set<number> {
  const lower = target?.toLowerCase();
  const top = (lower !== undefined && list.find((s) => s.name?.toLowerCase() === lower)) || list[list.length - 1];
  const needed = new Set<number>();
  const visit = (stage: Stage | undefined) => {
    if (!stage || needed.has(stage.index)) return;
    needed.add(stage.index);
    visit(referencedStage(list, stage.base, stage.index));
    for (const view of stage.instructions)
      for (const ref of stageReferences(view)) visit(referencedStage(list, ref, stage.index));
  };
  visit(top);
  return needed;
}

/** The first index (0 = FROM) of each stage whose text differs from the previous version's stage at the same place. */
function firstEdits(current: Parsed, previous: string | undefined, text: string): number[] {
  if (previous === undefined) return current.stages.map(() => 0);
  if (previous === text) return current.stages.map(() => Infinity);
  const old = parsed(previous);
  return current.texts.map((now, i) => {
    const was = old.texts[i];
    if (!was) return 0;
    const at = now.findIndex((line, k) => line !== was[k]);
    return at < 0 ? (was.length > now.length ? now.length : Infinity) : at;
  });
}

/** Count what `change` rebuilds in the Dockerfile `text`. */
export function rebuilt(text: string, change: Change): Rebuild {
  const file = parsed(text);
  const out: Rebuild = { commands: 0, runs: 0, instructions: 0 };
  for (const [s, k] of rerun(file, text, change)) {
    out.instructions++;
    if (file.stages[s].instructions[k].name === 'run') {
      out.runs++;
      out.commands += file.commands[s][k];
    }
  }
  return out;
}

/** The instructions `change` reruns in the Dockerfile `text`, with the RUNs' shell commands. */
export function rerunInstructions(text: string, change: Change): Array<{ view: InstructionView; commands: number }> {
  const file = parsed(text);
  return rerun(file, text, change).map(([s, k]) => ({
    view: file.stages[s].instructions[k],
    commands: file.commands[s][k],
  }));
}

/** The [stage, instruction] indexes `change` reruns, in the stages the target is built from. */
function rerun(file: Parsed, text: string, change: Change): Array<[number, number]> {
  const list = file.stages;
  const edits = firstEdits(file, change.previous, text);
  const needed = neededStages(list, change.target);
  const variables = variablesFor(file, change.args ?? {});
  const first: number[] = [];
  const out: Array<[number, number]> = [];
  list.forEach((stage, s) => {
    const views = [stage.from, ...stage.instructions];
    let at = edits[s];
    const base = referencedStage(list, stage.base, s);
    if (base && first[base.index] !== Infinity) at = 0;
    for (let k = 1; k < views.length && k < at; k++) {
      const view = views[k];
      const refs = stageReferences(view);
      const depends = refs.some((ref) => {
        const dep = referencedStage(list, ref, s);
        return dep !== undefined && first[dep.index] !== Infinity;
      });
      if (depends) {
        at = k;
        break;
      }
      if (!change.paths.length) continue;
      const sources =
        view.name === 'run'
          ? bindSources(view)
          : refs.length === 0
            ? copySources(view, variables[s][k - 1])
            : undefined;
      if (sources?.some((source) => change.paths.some((path) => sourceMatches(source, path)))) at = k;
    }
    first[s] = at;
    if (!needed.has(s)) return;
    for (let k = Math.max(at, 1); k < views.length; k++) out.push([s, k - 1]);
  });
  return out;
}

/** The variables before each instruction of a parsed file, for one set of build arguments (computed once). */
function variablesFor(file: Parsed, args: Readonly<Record<string, string>>) {
  const key = JSON.stringify(args);
  let variables = file.variables.get(key);
  if (!variables) {
    const globals = new Map(
      file.globals.map(([name, value]) => [name, Object.hasOwn(args, name) ? args[name] : value]),
    );
    file.variables.set(key, (variables = stageVariables(globals, file.stages, args)));
  }
  return variables;
}
