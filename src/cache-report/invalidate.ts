/**
 * Which instructions a change invalidates, as BuildKit's cache sees it: a COPY/ADD whose sources match a changed
 * context path, the first instruction whose text changed, a `COPY --from`/`--mount from=` on an invalidated stage, and
 * everything after the first invalidated instruction of a stage.
 */
import { posix } from 'node:path';
import ignore from 'ignore';
import { parse, print, stages, type InstructionView, type Stage } from '../syntax/index.js';

/** What changed for one build: context paths (relative to the context, not ignored) and the previous file text. */
export interface Change {
  /** Changed context-relative paths, already filtered through `.dockerignore`. */
  paths: readonly string[];
  /** The Dockerfile text before the change; undefined when unknown or new (then everything is rebuilt); equal text when unchanged. */
  previous: string | undefined;
}

/** The cache outcome for one Dockerfile text. */
export interface Rebuild {
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

/** The context paths a `RUN --mount=type=bind` (without `from=`) reads: its `source` (default: the whole context). */
export function bindSources(view: InstructionView): string[] {
  const out: string[] = [];
  for (const flag of view.flags) {
    if (flag.name !== 'mount' || !flag.fields) continue;
    const get = (key: string) => flag.fields!.find((f) => f.key === key)?.value;
    if (get('type') === 'bind' && get('from') === undefined) out.push(get('source') ?? get('src') ?? '.');
  }
  return out;
}

/** Whether a COPY/ADD source pattern covers a context-relative path (`.`, `*` and unresolved variables cover all). */
export function sourceMatches(source: string, path: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) || source.startsWith('git@')) return false;
  if (source.includes('$')) return true;
  const clean = posix.normalize(source.replace(/\\/g, '/')).replace(/^\/+/, '').replace(/^(\.\/)+|\/+$/g, '');
  if (clean === '' || clean === '.') return true;
  return ignore().add(`/${clean}`).ignores(path);
}

function fromRef(view: InstructionView): string[] {
  const refs = view.flags.filter((f) => f.name === 'from' && f.value !== undefined).map((f) => f.value!);
  for (const flag of view.flags) if (flag.name === 'mount') for (const field of flag.fields ?? []) if (field.key === 'from' && field.value) refs.push(field.value);
  return refs;
}

function stageRef(list: readonly Stage[], ref: string, before: number): Stage | undefined {
  const lower = ref.toLowerCase();
  return list.slice(0, before).find((s) => s.name?.toLowerCase() === lower || String(s.index) === ref);
}

function instructionText(view: InstructionView): string {
  return print(view.node).trimEnd();
}

/** The first index (0 = FROM) of each stage whose text differs from the previous version's stage at the same place. */
function firstEdits(current: readonly Stage[], previous: string | undefined): number[] {
  if (previous === undefined) return current.map(() => 0);
  const old = stages(parse(previous));
  return current.map((stage, i) => {
    const before = old[i];
    if (!before) return 0;
    const now = [stage.from, ...stage.instructions].map(instructionText);
    const was = [before.from, ...before.instructions].map(instructionText);
    const at = now.findIndex((text, k) => text !== was[k]);
    return at < 0 ? (was.length > now.length ? now.length : Infinity) : at;
  });
}

/** Count what `change` rebuilds in the Dockerfile `text`. */
export function rebuilt(text: string, change: Change): Rebuild {
  const list = stages(parse(text));
  const edits = firstEdits(list, change.previous);
  const first: number[] = [];
  let runs = 0;
  let instructions = 0;
  list.forEach((stage, s) => {
    const views = [stage.from, ...stage.instructions];
    let at = edits[s];
    const base = stageRef(list, stage.base, s);
    if (base && first[base.index] !== Infinity) at = 0;
    for (let k = 1; k < views.length && k < at; k++) {
      const view = views[k];
      const refs = fromRef(view);
      const depends = refs.some((ref) => {
        const dep = stageRef(list, ref, s);
        return dep !== undefined && first[dep.index] !== Infinity;
      });
      const sources = view.name === 'run' ? bindSources(view) : refs.length === 0 ? copySources(view) : undefined;
      if (depends || sources?.some((source) => change.paths.some((path) => sourceMatches(source, path)))) at = k;
    }
    first[s] = at;
    for (let k = Math.max(at, 1); k < views.length; k++) {
      instructions++;
      if (views[k].name === 'run') runs++;
    }
  });
  return { runs, instructions };
}
