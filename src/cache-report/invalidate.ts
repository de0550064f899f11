/**
 * Which instructions a change invalidates, as BuildKit's cache sees it: a COPY/ADD whose sources match a changed
 * context path, the first instruction whose text changed, a `COPY --from`/`--mount from=` on an invalidated stage, and
 * everything after the first invalidated instruction of a stage; only the stages the target is built from count.
 * What reruns is counted in shell commands (a RUN's commands split at `&&`, `||`, `;` and newlines, read with the
 * shell view; a pipeline is one command) and in RUN steps.
 */
import { posix } from 'node:path';
import ignore from 'ignore';
import { bindSources, referencedStage, stageReferences } from '../analysis/index.js';
import { shellView } from '../shell/index.js';
import { parse, print, stages, type InstructionView, type Stage } from '../syntax/index.js';

/** What changed for one build: context paths (relative to the context, not ignored) and the previous file text. */
export interface Change {
  /** Changed context-relative paths, already filtered through `.dockerignore`. */
  paths: readonly string[];
  /** The Dockerfile text before the change; undefined when unknown or new (then everything is rebuilt); equal text when unchanged. */
  previous: string | undefined;
  /** The stage built (`--target`); the last stage when unset or not found. */
  target?: string;
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

/** The sources of a COPY/ADD (without `--from`), as written; undefined for other instructions. */
export function copySources(view: InstructionView): string[] | undefined {
  if (view.name !== 'copy' && view.name !== 'add') return undefined;
  const words = (view.exec ?? view.buildkit.next) as string[];
  return words.slice(0, -1).filter((w) => !w.startsWith('<<'));
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
  /** Per stage, the printed text of its FROM and instructions. */
  texts: string[][];
  /** Per stage, the shell commands of each instruction (0 for non-RUNs). */
  commands: number[][];
}

const parsedTexts = new Map<string, Parsed>();

function parsed(text: string): Parsed {
  let known = parsedTexts.get(text);
  if (known) return known;
  const list = stages(parse(text));
  const commands = list.map((stage) => {
    let shell: string[] | null = null;
    return stage.instructions.map((view) => {
      if (view.name === 'shell' && view.exec) shell = view.exec;
      return view.name === 'run' ? runCommands(view, shell) : 0;
    });
  });
  known = {
    stages: list,
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
  const list = file.stages;
  const edits = firstEdits(file, change.previous, text);
  const needed = neededStages(list, change.target);
  const first: number[] = [];
  const out: Rebuild = { commands: 0, runs: 0, instructions: 0 };
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
      const sources = view.name === 'run' ? bindSources(view) : refs.length === 0 ? copySources(view) : undefined;
      if (sources?.some((source) => change.paths.some((path) => sourceMatches(source, path)))) at = k;
    }
    first[s] = at;
    if (!needed.has(s)) return;
    for (let k = Math.max(at, 1); k < views.length; k++) {
      out.instructions++;
      if (views[k].name === 'run') {
        out.runs++;
        out.commands += file.commands[s][k - 1];
      }
    }
  });
  return out;
}
