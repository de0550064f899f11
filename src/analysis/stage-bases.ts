/**
 * What each stage is built on: an earlier stage of the file, or an image whose reference is known once the global
 * build arguments take their defaults (a build may pass others; layerfix reads the file's own).
 */
import {
  instructionView,
  type InstructionNode,
  memoizeByTree,
  stages,
  type InstructionView,
  type Root,
  type Stage,
} from '../engine/index.js';

/** A stage's base: an earlier stage (by its lower-cased name), an image reference, or why it is not known. */
export type StageBase = { stage: string } | { image: string } | { unknown: string };

/** The base of every stage, in order. */
export const stageBases: (root: Root) => ReadonlyMap<Stage, StageBase> = memoizeByTree(
  'layerfix.stage-bases',
  (root) => {
    const globals = globalArgs(root);
    const named = new Set<string>();
    const out = new Map<Stage, StageBase>();
    for (const stage of stages(root)) {
      const reference = expandArgs(stage.base, globals);
      if (reference === undefined)
        out.set(stage, { unknown: `the base image \`${stage.base}\` is only known at build time` });
      else if (named.has(reference)) out.set(stage, { stage: reference });
      else if (named.has(reference.toLowerCase()))
        // BuildKit keeps stage names in lower case but looks a FROM up as written: this one is read as an image.
        out.set(stage, {
          unknown: `\`FROM ${reference}\` names a stage in another case, which BuildKit reads as an image`,
        });
      else out.set(stage, { image: reference });
      if (stage.name) named.add(stage.name.toLowerCase());
    }
    return out;
  },
);

/** The defaults of the ARGs declared before the first FROM. */
function globalArgs(root: Root): Map<string, string> {
  const out = new Map<string, string>();
  for (const node of root.children) {
    if (node.type !== 'instruction') continue;
    const view = instructionView(node, root.data.escape);
    if (view.name === 'from') break;
    if (view.name !== 'arg') continue;
    for (const pair of view.pairs ?? [])
      if (pair.value !== undefined && !/["'$\\`]/.test(pair.value)) out.set(pair.key, pair.value);
  }
  return out;
}

/** A FROM value with `$NAME`/`${NAME}` replaced by global ARG defaults; undefined when one has none. */
function expandArgs(text: string, globals: ReadonlyMap<string, string>): string | undefined {
  let unknown = false;
  const value = text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_, braced: string | undefined, bare: string | undefined) => {
      const known = globals.get(braced ?? bare ?? '');
      if (known === undefined) unknown = true;
      return known ?? '';
    },
  );
  return unknown ? undefined : value;
}

/** The stages or images an instruction reads from: a COPY/ADD's `--from` and its RUN mounts' `from=`, as written. */
export function stageReferences(view: InstructionView): string[] {
  const refs = view.flags.filter((f) => f.name === 'from' && f.value !== undefined).map((f) => f.value!);
  for (const flag of view.flags)
    if (flag.name === 'mount')
      for (const field of flag.fields ?? []) if (field.key === 'from' && field.value) refs.push(field.value);
  return refs;
}

/** The stage of `list` before index `before` that `ref` names (by name, any case, or by index); undefined for an image. */
export function referencedStage(list: readonly Stage[], ref: string, before: number): Stage | undefined {
  const lower = ref.toLowerCase();
  return list.slice(0, before).find((s) => s.name?.toLowerCase() === lower || String(s.index) === ref);
}

/**
 * What comes after the instruction `node` in an image: the rest of its stage, then every later stage built on that
 * stage (FROM it, directly or through another), and the stages those are; empty when no stage holds `node`.
 */
export function stageFamilyAfter(root: Root, node: InstructionNode): { later: InstructionView[]; family: Stage[] } {
  const all = stages(root);
  const home = all.find((stage) => stage.instructions.some((view) => view.node === node));
  if (!home) return { later: [], family: [] };
  const names = new Set([home.name?.toLowerCase()].filter(Boolean));
  const family = [home];
  const later = home.instructions.slice(home.instructions.findIndex((view) => view.node === node) + 1);
  for (const stage of all.slice(home.index + 1)) {
    if (!names.has(stage.base.toLowerCase())) continue;
    if (stage.name) names.add(stage.name.toLowerCase());
    family.push(stage);
    later.push(...stage.instructions);
  }
  return { later, family };
}

/**
 * The stages an image is built from, nearest first (`stage`, then the stage it is FROM, and so on), and what the
 * first of them starts from: an image reference, or why it is not known.
 */
export function stageLineage(
  root: Root,
  stage: Stage,
): { stages: Stage[]; start: { image: string } | { unknown: string } } {
  const bases = stageBases(root);
  const all = stages(root);
  const chain: Stage[] = [];
  let current: Stage | undefined = stage;
  while (current) {
    chain.push(current);
    const base = bases.get(current);
    if (!base) return { stages: chain, start: { unknown: 'the base image is not known' } };
    if (!('stage' in base)) return { stages: chain, start: base };
    const name = base.stage;
    const index: number = current.index;
    current = all.find((other) => other.index < index && other.name?.toLowerCase() === name);
  }
  return { stages: chain, start: { unknown: 'the stage it is built on is not found' } };
}
