/**
 * reorder-stable: within a stage, move instructions that do not depend on the source (package installs, user
 * creation, literal ENV/LABEL/EXPOSE) ahead of the first broad COPY/ADD, so a source edit stops rebuilding them.
 */
import { defineTransform, docsUrl, positionText, stages, type InstructionView, type PosixShellView, type Stage, type ContextOf } from '../src/engine/index.js';
import { expandPath, IMAGE_WORKDIR, pathScopes, runEffects, runStability, shellFacts, shellsInEffect, type Link } from '../src/analysis/index.js';
import { posix } from 'node:path';

const options = {
  volatileSources: { type: 'string[]', default: ['.', './', '*', './*'], description: 'COPY/ADD sources that count as the whole (often changing) build context.' },
  stableCommands: { type: 'string[]', format: 'regex', default: [], description: 'Regular expressions: a command whose text matches one is taken as not reading the copied files.' },
} as const;

type Context = ContextOf<typeof options>;

/** Instructions nothing may move past. */
const BARRIERS = new Set(['from', 'user', 'workdir', 'shell', 'onbuild', 'volume']);
/** Metadata that only labels the image. */
const METADATA = new Set(['label', 'expose']);

export default defineTransform({
  name: 'reorder-stable',
  description: 'Move instructions that do not use the source ahead of the first broad COPY so source edits stop rebuilding them.',
  url: docsUrl('transforms.md', 'reorder-stable'),
  defaultEnabled: true,
  meaning: 'declared',
  options,
  run(ctx) {
    for (const stage of stages(ctx.root)) reorderStage(ctx, stage);
  },
});

/** The sources and destination of a COPY/ADD, or undefined when it is not a copy from the build context. */
function copyParts(view: InstructionView): { sources: string[]; destination: string } | undefined {
  if ((view.name !== 'copy' && view.name !== 'add') || view.flags.some((f) => f.name === 'from') || view.heredocs.length) return undefined;
  const words = view.buildkit.next.filter((w): w is string => typeof w === 'string');
  if (words.length < 2) return undefined;
  return { sources: words.slice(0, -1), destination: words[words.length - 1] };
}

/** Variable names referenced in a text (`$NAME`, `${NAME...}`). */
function referencedVariables(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/(?<!\\)\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1]);
  return names;
}

/** Variables an ENV or ARG defines. */
function definedVariables(view: InstructionView): Set<string> {
  return new Set(view.name === 'env' || view.name === 'arg' ? (view.pairs ?? []).map((p) => p.key) : []);
}

const intersects = (a: Set<string>, b: Set<string>) => [...a].some((name) => b.has(name));

function reorderStage(ctx: Context, stage: Stage): void {
  const volatile = new Set(ctx.options.volatileSources);
  const copyIndex = stage.instructions.findIndex((view) => copyParts(view)?.sources.some((source) => volatile.has(source)));
  if (copyIndex < 0) return;
  const args = new Set(stage.instructions.slice(0, copyIndex).flatMap((view) => (view.name === 'arg' ? [...definedVariables(view)] : [])));
  const copy = stage.instructions[copyIndex];
  const copyAt = positionText(ctx.edit.originOf(copy.node));
  const destination = copyDestination(ctx, copy);
  const stayers: InstructionView[] = [copy];
  const movers: InstructionView[] = [];
  const kept: Array<[InstructionView, string]> = [];
  let barrier: InstructionView | undefined;
  const links = stage.instructions.slice(0, copyIndex).flatMap((view) => linksOf(ctx, view));
  for (const view of stage.instructions.slice(copyIndex + 1)) {
    if (!barrier && BARRIERS.has(view.name)) barrier = view;
    const why = barrier
      ? `would have to move past the ${barrier.keyword.toUpperCase()} at ${positionText(ctx.edit.originOf(barrier.node))}, which nothing moves past`
      : (stableReason(ctx, view, copy, destination, args, links) ?? blockingStayer(view, stayers));
    links.push(...linksOf(ctx, view));
    if (why || !ctx.enabledFor(view.node)) {
      if (why) kept.push([view, why]);
      stayers.push(view);
    } else movers.push(view);
  }
  for (const [view, why] of kept) {
    if (view.name === 'run') ctx.skipped(`Kept RUN at ${positionText(ctx.edit.originOf(view.node))} after the COPY at ${copyAt}: it ${why}`, view.node);
  }
  // Only RUNs gain from moving; ENV/LABEL/EXPOSE move when a RUN after them does (to keep its environment), never alone.
  while (movers.length && movers[movers.length - 1].name !== 'run') movers.pop();
  if (!movers.length) return;
  const nodes = movers.flatMap((view) => [...ctx.edit.attachedComments(view.node), view.node]);
  ctx.edit.moveBefore(nodes, ctx.edit.blockStart(copy.node));
  for (const view of movers) {
    const what = `${view.keyword.toUpperCase()} at ${positionText(ctx.edit.originOf(view.node))} before the COPY at ${copyAt}`;
    ctx.changed({ done: `Moved ${what}`, planned: `Would move ${what}` }, view.node);
  }
}

/** The absolute folder a COPY writes into, or why layerfix cannot tell it. */
function copyDestination(ctx: Context, copy: InstructionView): string | { reason: string } {
  const scope = pathScopes(ctx.root).get(copy.node);
  const written = copyParts(copy)!.destination;
  const expanded = scope && expandPath(written, scope.env);
  const at = positionText(ctx.edit.originOf(copy.node));
  if (expanded === undefined) return { reason: `needs to know where the COPY at ${at} writes, and its destination \`${written}\` uses a variable layerfix cannot resolve` };
  if (expanded.startsWith('/')) return posix.resolve(expanded);
  const workdir = scope?.workdir;
  if (workdir === undefined || workdir.startsWith(IMAGE_WORKDIR)) {
    return { reason: `needs to know where the COPY at ${at} writes, and its destination \`${written}\` is relative to a working directory layerfix cannot tell` };
  }
  return posix.resolve(workdir, expanded);
}

/** The POSIX shell view of a shell-form RUN, or why it has none (exec form, heredoc, another shell, an unknown OS). */
function posixShell(ctx: Context, view: InstructionView): PosixShellView | string {
  if (view.form === 'exec') return 'is in exec form, whose program is not known to leave the copied files alone';
  if (view.heredocs.length) return 'has a heredoc';
  const facts = shellFacts(ctx.root).get(view.node)!;
  if (facts.os.os === 'unknown') return `runs under a shell layerfix cannot tell: ${facts.os.reason}`;
  const shell = ctx.shellView(view.args, { shell: shellsInEffect(ctx.root).get(view.node) ?? null });
  return shell.posix ? shell : `runs under a shell that is not POSIX (${shell.reason})`;
}

/** The symbolic links a RUN makes, as far as layerfix can read them. */
function linksOf(ctx: Context, view: InstructionView): Link[] {
  if (view.name !== 'run') return [];
  const shell = posixShell(ctx, view);
  if (typeof shell === 'string') return [];
  const scope = pathScopes(ctx.root).get(view.node);
  return runEffects(shell, { cwd: knownFolder(scope?.workdir), env: scope?.env ?? new Map(), home: scope?.home }).links;
}

/** A working directory, or undefined when it is the stand-in for one layerfix does not know. */
function knownFolder(path: string | undefined): string | undefined {
  return path === undefined || path.startsWith(IMAGE_WORKDIR) ? undefined : path;
}

/** Why an instruction is not stable with respect to the copy, or undefined when it is. */
function stableReason(ctx: Context, view: InstructionView, copy: InstructionView, destination: string | { reason: string }, args: Set<string>, links: Link[]): string | undefined {
  if (view.name === 'run') {
    const shell = posixShell(ctx, view);
    if (typeof shell === 'string') return shell;
    if (view.flags.some((f) => f.name === 'mount' && !/type=(cache|secret|ssh|tmpfs)/.test(f.value ?? ''))) return 'mounts files from the build context';
    if (typeof destination !== 'string') return destination.reason;
    const scope = pathScopes(ctx.root).get(view.node);
    const ownership = copy.flags.find((flag) => flag.name === 'chown')?.value;
    const stableCommands = ctx.options.stableCommands.map((source) => new RegExp(source));
    const result = runStability(shell, { destination, workdir: knownFolder(scope?.workdir), env: scope?.env ?? new Map(), home: scope?.home, stableCommands, ownership, links });
    return result.stable ? undefined : result.reason;
  }
  if (view.name === 'env' || METADATA.has(view.name)) {
    const uses = referencedVariables(view.args);
    if (intersects(uses, args)) return 'uses a build argument, whose value may change from build to build';
    return undefined;
  }
  return `is a ${view.keyword.toUpperCase()}, which layerfix does not move`;
}

/** Why an instruction cannot move before an earlier one that stays, or undefined. */
function blockingStayer(view: InstructionView, stayers: InstructionView[]): string | undefined {
  const defines = definedVariables(view);
  const uses = referencedVariables(view.args);
  for (const [index, stayer] of stayers.entries()) {
    const at = positionText(stayer.node);
    if (view.name === 'run' && index > 0 && (stayer.name === 'copy' || stayer.name === 'add')) {
      return `would have to move before the ${stayer.keyword.toUpperCase()} at ${at}, which stays and may bring files it uses`;
    }
    if (view.name === 'run' && (stayer.name === 'run' || stayer.name === 'env' || stayer.name === 'arg')) {
      return `would have to move before the ${stayer.keyword.toUpperCase()} at ${at}, which stays and may affect it`;
    }
    if (view.name === 'env' && stayer.name === 'run') return `would change the environment of the RUN at ${at}, which stays`;
    if (intersects(defines, referencedVariables(stayer.args)) || intersects(uses, definedVariables(stayer)) || intersects(defines, definedVariables(stayer))) {
      return `shares variables with the ${stayer.keyword.toUpperCase()} at ${at}, which stays`;
    }
  }
  return undefined;
}
