/**
 * The layer plan of a file: which stages the image is made of (where layers ship), the COPY/ADD instructions that
 * bring files from the build context, and what each RUN reads of them. The cache transforms act on it: stable steps
 * go before every copy, an install goes after its manifests only, and RUNs of different classes are not merged.
 */
import {
  memoizeByTree,
  stages,
  type InstructionNode,
  type InstructionView,
  type Root,
  type Stage,
} from '../engine/index.js';
import { overlaps, type Place } from './places.js';
import { expandPath, IMAGE_WORKDIR, pathScopes } from './path-scopes.js';
import type { RunEffects } from './run-effects.js';
import { bindSources } from './build-context.js';
import { copyWords } from './copy-words.js';
import { referencedStage, stageBases, stageReferences } from './stage-bases.js';

/** What a RUN's result depends on from the build context. */
export type LayerClass =
  /** Nothing copied from the context: it reruns only when what comes before it changes. */
  | 'stable'
  /** Dependency manifests copied on their own (`COPY package.json package-lock.json ./`). */
  | 'manifests'
  /** A folder of the context (`COPY . /app`): any source edit reruns it. */
  | 'source'
  /** Its effects are not known. */
  | 'unknown';

/** A COPY or ADD from the build context, where it writes and whether it copies a folder. */
export interface ContextCopy {
  view: InstructionView;
  /** Where it writes in the image; undefined when layerfix cannot tell. */
  place: Place | undefined;
  /** It copies a folder (`.`, `src/`, a glob): every source edit invalidates it; else named files only. */
  broad: boolean;
}

/** Sources that copy a folder or many files rather than named files. */
const FOLDER_SOURCE = /^(\.\/?|\*|\.\/\*)$|\/$|[*?[]/;

/** The context copies in effect before each instruction: those of its stage before it, and of its parent stages. */
export const contextCopies: (root: Root) => ReadonlyMap<InstructionNode, readonly ContextCopy[]> = memoizeByTree(
  'layerfix.context-copies',
  (root) => {
    const scopes = pathScopes(root);
    const bases = stageBases(root);
    const ends = new Map<string, ContextCopy[]>();
    const out = new Map<InstructionNode, readonly ContextCopy[]>();
    for (const stage of stages(root)) {
      const base = bases.get(stage)!;
      const copies: ContextCopy[] = 'stage' in base ? [...(ends.get(base.stage) ?? [])] : [];
      for (const view of stage.instructions) {
        out.set(view.node, copies.slice());
        const copy = contextCopy(view, scopes.get(view.node));
        if (copy) copies.push(copy);
      }
      if (stage.name) ends.set(stage.name.toLowerCase(), copies);
    }
    return out;
  },
);

function contextCopy(
  view: InstructionView,
  scope: { workdir: string | undefined; env: ReadonlyMap<string, string | undefined> } | undefined,
): ContextCopy | undefined {
  if ((view.name !== 'copy' && view.name !== 'add') || view.flags.some((flag) => flag.name === 'from'))
    return undefined;
  const words = copyWords(view);
  if (view.heredocs.length || !words) return undefined;
  const sources = words.slice(0, -1);
  const destination = expandPath(words[words.length - 1], scope?.env ?? new Map());
  const workdir = scope?.workdir;
  let place: Place | undefined;
  if (destination?.startsWith('/')) place = { path: destination, tree: true };
  else if (destination !== undefined && workdir !== undefined && !workdir.startsWith(IMAGE_WORKDIR))
    place = { path: `${workdir}/${destination}`.replace(/\/+/g, '/'), tree: true };
  return {
    view,
    place,
    broad: sources.some(
      (source) => FOLDER_SOURCE.test(source) || !/\.[A-Za-z0-9]+$|^[A-Z][A-Za-z]*$/.test(source.replace(/^.*\//, '')),
    ),
  };
}

/**
 * The stages whose files depend on the build context: they copy from it (COPY/ADD without `--from`) or bind-mount it,
 * or they are built on, copy from or mount a stage that does. A source edit rebuilds them, and with them every
 * `COPY --from` of theirs.
 */
export const contextStages: (root: Root) => ReadonlySet<Stage> = memoizeByTree('layerfix.context-stages', (root) =>
  stagesReaching(
    root,
    (view) => contextCopy(view, undefined) !== undefined || (view.name === 'run' && bindSources(view).length > 0),
  ),
);

/**
 * The stages that read the whole build context: they copy it whole (`COPY . /src`) or bind-mount its root, or they
 * are built on, copy from or mount a stage that does. Every edit of any file of the context rebuilds them.
 */
export const wholeContextStages: (root: Root) => ReadonlySet<Stage> = memoizeByTree(
  'layerfix.whole-context-stages',
  (root) =>
    stagesReaching(
      root,
      (view) => copiesWholeContext(view) || (view.name === 'run' && bindSources(view).some(isContextRoot)),
    ),
);

/** The stages with an instruction that `reads`, or built on, copying from or mounting such a stage. */
function stagesReaching(root: Root, reads: (view: InstructionView) => boolean): Set<Stage> {
  const list = stages(root);
  const bases = stageBases(root);
  const out = new Set<Stage>();
  for (const stage of list) {
    const base = bases.get(stage);
    const reaching = (ref: string) => {
      const named = referencedStage(list, ref, stage.index);
      return named !== undefined && out.has(named);
    };
    if (
      (base !== undefined && 'stage' in base && reaching(base.stage)) ||
      stage.instructions.some((view) => reads(view) || stageReferences(view).some(reaching))
    )
      out.add(stage);
  }
  return out;
}

/** Whether a context path names the context's root (`.`, `./`, `/`). */
const isContextRoot = (source: string) => /^(\.?\/)*\.?$/.test(source);

/** Whether a COPY/ADD brings the whole build context (`COPY . /app`), so that any source edit changes it. */
export function copiesWholeContext(view: InstructionView): boolean {
  if (view.name !== 'copy' && view.name !== 'add') return false;
  if (view.flags.some((flag) => flag.name === 'from' || flag.name === 'exclude') || view.heredocs.length) return false;
  return (copyWords(view) ?? []).slice(0, -1).some(isContextRoot);
}

/**
 * Whether every edit of any file of the build context reruns a COPY/ADD: it copies the whole context, or copies from
 * a stage that reads it whole (`wholeContextStages`). A copy of any part of the context placed before it reruns
 * only when it would have.
 */
export function rerunsOnEveryEdit(root: Root, view: InstructionView): boolean {
  if (copiesWholeContext(view)) return true;
  const named = copiedStage(root, view);
  return named !== undefined && wholeContextStages(root).has(named);
}

/** The stage of the file a COPY/ADD copies from with `--from`, or undefined. */
function copiedStage(root: Root, view: InstructionView): Stage | undefined {
  if (view.name !== 'copy' && view.name !== 'add') return undefined;
  const from = view.flags.find((flag) => flag.name === 'from')?.value;
  const stage = stages(root).find((candidate) => candidate.instructions.includes(view));
  if (from === undefined || !stage) return undefined;
  return referencedStage(stages(root), from, stage.index);
}

/** Whether a COPY/ADD copies from a stage of the file whose files depend on the build context (`contextStages`). */
export function copiesFromContextStage(root: Root, view: InstructionView): boolean {
  const named = copiedStage(root, view);
  return named !== undefined && contextStages(root).has(named);
}

/** The class of a RUN with these effects, after these context copies. */
export function layerClass(effects: RunEffects, copies: readonly ContextCopy[]): LayerClass {
  // Before any copy, nothing of the context is in the image to depend on.
  if (!copies.length) return 'stable';
  if (effects.unknown || effects.unknownReads.length || effects.programs.length) return 'unknown';
  const touched = [...effects.reads, ...effects.writes, ...effects.removes];
  let found: LayerClass = 'stable';
  for (const copy of copies) {
    if (!copy.place) return 'unknown';
    if (!touched.some((place) => overlaps(place, copy.place!))) continue;
    if (copy.broad) return 'source';
    found = 'manifests';
  }
  return found;
}

/**
 * The stages the images are made of: each target (the stages named by `targets`, else the one `target` names, else
 * the last; an empty name is the last) and the stages it is built FROM, in turn. Other stages only build files that
 * are copied out of them; their layers never ship.
 */
export function shippedStages(root: Root, target?: string, targets?: readonly string[]): ReadonlySet<Stage> {
  const all = stages(root);
  const byName = new Map(all.filter((stage) => stage.name).map((stage) => [stage.name!.toLowerCase(), stage]));
  const bases = stageBases(root);
  const shipped = new Set<Stage>();
  for (const name of targets?.length ? targets : [target ?? '']) {
    // A target the file does not have fails the build; the plan then reads the file as built to its end.
    let stage: Stage | undefined = (name && byName.get(name.toLowerCase())) || all[all.length - 1];
    while (stage && !shipped.has(stage)) {
      shipped.add(stage);
      const base = bases.get(stage);
      stage = base && 'stage' in base ? byName.get(base.stage) : undefined;
    }
  }
  return shipped;
}
