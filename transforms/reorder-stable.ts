/**
 * reorder-stable: within a stage, move instructions that do not depend on the source (package installs, user
 * creation, literal ENV/LABEL/EXPOSE) ahead of the first COPY/ADD of the sources (from the build context, or from a
 * stage built from it), so a source edit stops rebuilding them. They pass every copy in between only when it leaves
 * them alone, whatever it copies from. A RUN that cannot move whole may be cut after a stable `&&` prefix that is
 * worth a layer (an install, a download), and that part moved. A copy of part of the context after a copy that every
 * edit reruns (`COPY . /app`, or a `COPY --from` of a stage that copies it whole) moves before that copy when a RUN
 * that uses only it can then move too (`COPY entrypoint.sh /` and `RUN chmod +x /entrypoint.sh`).
 */
import {
  defineTransform,
  docsUrl,
  positionText,
  stages,
  type InstructionNode,
  type InstructionView,
  type PosixShellView,
  type Stage,
  type TopNode,
  type ContextOf,
} from '../src/engine/index.js';
import {
  CONTEXT_OPTION,
  copiedNames,
  copyWords,
  carriedState,
  cutHazard,
  copiesFromContextStage,
  copiesWholeContext,
  cutPoints,
  cutRun,
  commandsAfter,
  restText,
  expandPath,
  IMAGE_WORKDIR,
  overlaps,
  pathScopes,
  runEffects,
  runScopeOf,
  runStability,
  shellFacts,
  shellStartChange,
  shellsInEffect,
  isUnder,
  madeFolders,
  referencedStage,
  rerunsOnEveryEdit,
  stageBases,
  throughLinks,
  workdirMoveProblem,
  type Link,
  type Place,
  transformBuildContext,
  type ContextLookup,
  type MayLink,
  type RunCut,
  type RunEffects,
} from '../src/analysis/index.js';
import { posix } from 'node:path';

const options = {
  ...CONTEXT_OPTION,
  splitRuns: {
    type: 'boolean',
    default: true,
    description:
      'When a RUN after the copy starts with commands that leave the sources alone (`apt-get install -y make && make`), cut it at the `&&` after them (or the `;` of a list under `set -e`) and move only that part.',
  },
  stableCommands: {
    type: 'string[]',
    format: 'regex',
    default: [],
    description: 'Regular expressions: a command whose text matches one is taken as not reading the copied files.',
  },
} as const;

type Context = ContextOf<typeof options>;

/**
 * Instructions nothing may move past (what comes after one may still move up to it). A WORKDIR only a RUN passes,
 * when it is proven to do the same before it.
 */
const BARRIERS = new Set(['from', 'user', 'shell', 'onbuild', 'volume']);
/** Metadata that only labels the image. */
const METADATA = new Set(['label', 'expose']);

export default defineTransform({
  name: 'reorder-stable',
  description:
    'Move instructions that do not use the sources (or the leading part of a RUN that does, or a copy of one file with the RUN that needs it) ahead of the copies of the sources, so source edits stop rebuilding them.',
  url: docsUrl('transforms.md', 'reorder-stable'),
  defaultEnabled: true,
  meaning: 'declared',
  options,
  run(ctx) {
    for (const stage of stages(ctx.root)) reorderStage(ctx, stage);
  },
});

/** The destination a COPY/ADD of any kind writes to, as written, or undefined for other instructions. */
function copyTarget(view: InstructionView): string | undefined {
  return copyWords(view)?.at(-1);
}

/**
 * Variable names a text may reference (`$NAME`, `${NAME...}`): every `$NAME` as written, escaped or quoted or not, so
 * never fewer than BuildKit expands (`\\$NAME` expands, and under `# escape=\`` so does `\$NAME`).
 */
function referencedVariables(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1]);
  return names;
}

/** Variables an ENV or ARG defines. */
function definedVariables(view: InstructionView): Set<string> {
  return new Set(view.name === 'env' || view.name === 'arg' ? (view.pairs ?? []).map((p) => p.key) : []);
}

/**
 * Variables an instruction reads, in its arguments, its flags (`COPY --chown=$UID`, `--chmod=${MODE}`) and its
 * heredocs (BuildKit expands a `COPY <<EOF` body when it copies it; a RUN's is its script).
 */
function usedVariables(view: InstructionView): Set<string> {
  return referencedVariables(
    [view.args, ...view.flags.map((flag) => flag.text), ...view.heredocs.map((heredoc) => heredoc.content)].join(' '),
  );
}

/** The keys a LABEL sets: the last LABEL to set a key decides its value. */
function labelKeys(view: InstructionView): Set<string> {
  return new Set(view.name === 'label' ? (view.pairs ?? []).map((p) => p.key) : []);
}

const intersects = (a: Set<string>, b: Set<string>) => [...a].some((name) => b.has(name));

/**
 * What a move in a stage is checked against: the instructions that stay so far, the build arguments declared before
 * the first copy of the sources, what the stage did so far, and all of its instructions.
 */
interface StagePass {
  stayers: readonly InstructionView[];
  args: Set<string>;
  history: StageHistory;
  instructions: readonly InstructionView[];
  /** The copies of the sources in the stage (isSourceCopy), the places worth moving before. */
  sourceCopies: ReadonlySet<InstructionView>;
}

/** Where the instructions of a stage go: the moves, and the RUNs kept after a copy with the reason and that copy. */
interface StagePlan {
  moves: Array<{ view: InstructionView; before: InstructionView; cut?: RunCut }>;
  kept: Array<[InstructionView, string, InstructionView]>;
}

function reorderStage(ctx: Context, stage: Stage): void {
  // A copy moves only when a RUN moves with it: each is tried in place, last first, and stays unless a RUN needs it.
  const pinned = new Set<InstructionView>();
  let plan = planStage(ctx, stage, pinned);
  if (!plan) return;
  for (const { view } of [...plan.moves].reverse()) {
    if (!copyTarget(view)) continue;
    const trial = planStage(ctx, stage, new Set([...pinned, view]))!;
    if (movesEveryRun(trial, plan)) {
      pinned.add(view);
      plan = trial;
    }
  }
  // Only RUNs gain from moving; ENV/LABEL/EXPOSE move when a RUN after them does (to keep its environment), never alone.
  while (plan.moves.length && plan.moves[plan.moves.length - 1].view.name !== 'run') plan.moves.pop();
  for (const [view, why, copy] of plan.kept) {
    if (view.name !== 'run') continue;
    ctx.skipped(
      `Kept RUN at ${positionText(ctx.edit.originOf(view.node))} after the ${copy.keyword.toUpperCase()} at ${positionText(ctx.edit.originOf(copy.node))}: it ${why}`,
      view.node,
    );
  }
  for (const { view, before, cut } of plan.moves) {
    if (cut) {
      hoistPrefix(ctx, view, before, cut);
      continue;
    }
    ctx.edit.moveBefore(paragraph(ctx, view), ctx.edit.blockStart(before.node));
    const what = `${view.keyword.toUpperCase()} at ${positionText(ctx.edit.originOf(view.node))} before the ${before.keyword.toUpperCase()} at ${positionText(ctx.edit.originOf(before.node))}`;
    ctx.changed({ done: `Moved ${what}`, planned: `Would move ${what}`, key: 'move' }, view.node);
  }
}

/** Whether a plan moves (or cuts the same way) every RUN another one does. */
function movesEveryRun(plan: StagePlan, other: StagePlan): boolean {
  return other.moves.every(
    (move) =>
      move.view.name !== 'run' ||
      plan.moves.some((mine) => mine.view === move.view && mine.cut?.firstText === move.cut?.firstText),
  );
}

/** Where each instruction of a stage goes; copies in `pinned` stay. Undefined when the stage copies no sources. */
function planStage(ctx: Context, stage: Stage, pinned: ReadonlySet<InstructionView>): StagePlan | undefined {
  const sourceCopies = new Set(stage.instructions.filter((view) => isSourceCopy(ctx, view)));
  const copyIndex = stage.instructions.findIndex((view) => sourceCopies.has(view));
  if (copyIndex < 0) return undefined;
  const args = new Set(
    stage.instructions.slice(0, copyIndex).flatMap((view) => (view.name === 'arg' ? [...definedVariables(view)] : [])),
  );
  // Each stable step goes before the earliest copy from the build context it can pass, past everything that stays.
  const stayers: InstructionView[] = [];
  const moves: StagePlan['moves'] = [];
  const kept: StagePlan['kept'] = [];
  let lastCopy = stage.instructions[copyIndex];
  const history = new StageHistory(ctx, [
    ...inheritedInstructions(ctx, stage),
    ...stage.instructions.slice(0, copyIndex),
  ]);
  const pass: StagePass = { stayers, args, history, instructions: stage.instructions, sourceCopies };
  // Movers keep their order among themselves: none goes before the place an earlier one went to.
  const inOrder = (target: InstructionView) => {
    const previous = moves[moves.length - 1]?.before;
    return previous && stage.instructions.indexOf(previous) > stage.instructions.indexOf(target) ? previous : target;
  };
  for (const view of stage.instructions.slice(copyIndex)) {
    let target: InstructionView | string;
    if (!sourceCopies.has(view)) target = furthestCopy(ctx, view, pass);
    else target = pinned.has(view) || !partialCopy(view) ? 'is a copy of the sources' : copyPlace(ctx, view, pass);
    if (typeof target !== 'string') target = inOrder(target);
    history.add(view);
    const enabled = ctx.enabledFor(view.node);
    const hoist =
      typeof target === 'string' && enabled && ctx.options.splitRuns ? stablePrefix(ctx, view, pass) : undefined;
    if (hoist) {
      moves.push({ view, before: inOrder(hoist.before), cut: hoist.cut });
      stayers.push(view);
    } else if (typeof target === 'string' || !enabled) {
      if (typeof target === 'string') kept.push([view, target, lastCopy]);
      stayers.push(view);
      if (sourceCopies.has(view)) lastCopy = view;
    } else moves.push({ view, before: target });
  }
  return { moves, kept };
}

/**
 * The longest `&&` prefix of a RUN that could move before a copy of the sources when the whole RUN cannot
 * (`apt-get install -y make && make` after `COPY . /src`), with the copy it goes before. The prefix must be worth the
 * layer it adds, start nothing in the background, and leave no shell state the rest needs but the `cd`s the rest
 * repeats. A RUN with flags is left whole: each part would get its mounts.
 */
function stablePrefix(
  ctx: Context,
  view: InstructionView,
  pass: StagePass,
): { cut: RunCut; before: InstructionView } | undefined {
  if (view.flags.length) return undefined;
  const shell = posixShell(ctx, view);
  if (typeof shell === 'string' || shell.errors.length) return undefined;
  const scope = runScopeOf(pathScopes(ctx.root).get(view.node));
  const shellStart = shellFacts(ctx.root).get(view.node);
  for (const index of cutPoints(shell).reverse()) {
    const text = shell.text.slice(0, shell.lists[index].end);
    const part = { ...view, args: text };
    const prefix = posixShell(ctx, part);
    if (typeof prefix === 'string') continue;
    const lead = carriedState(prefix, scope, commandsAfter(shell, index));
    // A process it leaves running in the background would no longer run alongside the rest.
    const background =
      prefix.hazards.some((hazard) => hazard.kind === 'background') ||
      prefix.commands.some((command) => command.context.includes('background'));
    if (typeof lead !== 'string' || background) continue;
    const first = runEffects(prefix, scope);
    // A shorter prefix installs and fetches no more than this one: none is worth a layer when this one is not.
    if (!worthALayer(first, prefix)) {
      if (first.unknown) continue;
      break;
    }
    const rest = posixShell(ctx, {
      ...view,
      args: restText(shell, index, lead),
    });
    if (typeof rest === 'string') continue;
    const after = runEffects(rest, scope);
    // Package steps on both sides (`apt-get update` | `apt-get install`) would install from an index cached in
    // another layer: the very split the merge of such RUNs undoes.
    if (first.systemPackages && after.systemPackages) continue;
    if (cutHazard(first, after, shellStart)) continue;
    const before = furthestCopy(ctx, part, pass);
    if (typeof before !== 'string') return { cut: cutRun(view, shell, index, ctx.style, lead), before };
  }
  return undefined;
}

/** Programs that fetch over the network (`git` only with a subcommand that does): worth a layer of their own. */
const FETCHERS = new Set(['curl', 'wget']);
const GIT_FETCHES = new Set(['clone', 'fetch', 'pull', 'submodule', 'lfs']);

/**
 * Whether a part of a RUN with these effects is worth a layer of its own: it installs packages or programs, or
 * fetches over the network. A cut adds a layer, which a `mkdir` or a `chmod` saved on each source edit does not repay.
 */
function worthALayer(effects: RunEffects, shell: PosixShellView): boolean {
  return (
    effects.installs.length > 0 ||
    effects.systemPackages ||
    effects.installsCommands ||
    effects.calls.some((program) => FETCHERS.has(posix.basename(program))) ||
    shell.commands.some((command) => command.name?.value === 'git' && GIT_FETCHES.has(command.args[0]?.value ?? ''))
  );
}

/** Cut a RUN in two and move the first part before the copy `before`; the rest stays, with the RUN's comments. */
function hoistPrefix(ctx: Context, view: InstructionView, before: InstructionView, cut: RunCut): void {
  const at = positionText(ctx.edit.originOf(view.node));
  const copyAt = `${before.keyword.toUpperCase()} at ${positionText(ctx.edit.originOf(before.node))}`;
  const [inserted] = ctx.edit.insertBefore(ctx.edit.blockStart(before.node), cut.first.physical, view.node);
  ctx.edit.replace(inserted as InstructionNode, cut.first.physical, { line: cut.first.logical });
  if (cut.comments) ctx.edit.insertBefore(view.node, cut.comments);
  const rest = ctx.edit.replace(view.node, cut.rest.physical, { line: cut.rest.logical });
  const what = `the RUN at ${at} after \`${cut.firstText}\``;
  ctx.changed(
    {
      done: `Cut ${what} and moved that part before the ${copyAt}, so edits of what that copy brings no longer rerun it`,
      planned: `Would cut ${what} and move that part before the ${copyAt}, so edits of what that copy brings would no longer rerun it`,
    },
    rest,
  );
}

/**
 * The nodes that move with an instruction: its attached comments, itself, and, when it stands as a paragraph of its
 * own (blank lines before and after it), the blank lines after it, so the gap travels with it instead of piling up.
 */
function paragraph(ctx: Context, view: InstructionView): TopNode[] {
  const nodes = [...ctx.edit.attachedComments(view.node), view.node];
  const children = ctx.root.children;
  const start = ctx.edit.indexOf(nodes[0]);
  if (children[start - 1]?.type !== 'blank') return nodes;
  for (let i = ctx.edit.indexOf(view.node) + 1; children[i]?.type === 'blank'; i++) nodes.push(children[i]);
  return nodes;
}

function barrierText(ctx: Context, barrier: InstructionView): string {
  return `would have to move past the ${barrier.keyword.toUpperCase()} at ${positionText(ctx.edit.originOf(barrier.node))}, which nothing moves past`;
}

/**
 * The earliest context copy an instruction can move before, passing every instruction that stays from there to it;
 * else why it stays where it is (the reason it cannot pass the nearest one).
 */
function furthestCopy(ctx: Context, view: InstructionView, pass: StagePass): InstructionView | string {
  let target: InstructionView | undefined;
  let why: string | undefined;
  // After a copy of the whole context every source edit reruns it anyway: a place past that copy gains nothing.
  const { stayers, history, instructions } = pass;
  const whole = instructions.findIndex(copiesWholeContext);
  for (let i = stayers.length - 1; i >= 0; i--) {
    const stayer = stayers[i];
    // Every copy it passes must leave it alone, whatever the copy brings; only copies of the sources are worth passing.
    why = copyTarget(stayer)
      ? passCopyProblem(ctx, view, stayer, pass)
      : blockingStayer(ctx, view, stayer, history, instructions);
    if (why) break;
    if (pass.sourceCopies.has(stayer) && (whole < 0 || instructions.indexOf(stayer) <= whole)) target = stayer;
  }
  return target ?? why ?? 'stays';
}

/** Flags a copy of part of the context may have and still move: they change what it writes, not where. */
const MOVABLE_COPY_FLAGS = new Set(['chown', 'chmod', 'link', 'exclude', 'parents']);

/** Whether an instruction is a COPY of part of the build context that may move before a copy of all of it. */
function partialCopy(view: InstructionView): boolean {
  return (
    view.name === 'copy' &&
    !view.heredocs.length &&
    !copiesWholeContext(view) &&
    view.flags.every((flag) => MOVABLE_COPY_FLAGS.has(flag.name))
  );
}

/**
 * The earliest copy a copy of part of the context can move before: one every edit of the context reruns
 * (`rerunsOnEveryEdit`), so the moved copy reruns only when it did, passing everything that stays in between; else
 * why it stays. It passes no other copy of the sources: before one, its own edits would rerun that one too.
 */
function copyPlace(ctx: Context, view: InstructionView, pass: StagePass): InstructionView | string {
  const { stayers, instructions } = pass;
  const whole = instructions.findIndex(copiesWholeContext);
  const worthPassing = (stayer: InstructionView) =>
    pass.sourceCopies.has(stayer) && (whole < 0 || instructions.indexOf(stayer) <= whole);
  // The furthest place the copies and barriers in between allow, found first: most copies have none.
  let furthest = -1;
  for (let i = stayers.length - 1; i >= 0; i--) {
    const stayer = stayers[i];
    if (BARRIERS.has(stayer.name) || (pass.sourceCopies.has(stayer) && !rerunsOnEveryEdit(ctx.root, stayer))) break;
    if (worthPassing(stayer)) furthest = i;
  }
  if (furthest < 0) return 'has no copy that every edit reruns before it, past only what leaves it alone';
  let target: InstructionView | undefined;
  for (let i = stayers.length - 1; i >= furthest; i--) {
    const stayer = stayers[i];
    const why = copyPassProblem(ctx, view, stayer, pass);
    if (why)
      return (
        target ??
        `would have to move past the ${stayer.keyword.toUpperCase()} at ${positionText(ctx.edit.originOf(stayer.node))}: ${why}`
      );
    if (worthPassing(stayer)) target = stayer;
  }
  return target ?? 'stays';
}

/** Why a copy of part of the context cannot move before an instruction that stays, or undefined. */
function copyPassProblem(
  ctx: Context,
  copy: InstructionView,
  stayer: InstructionView,
  pass: StagePass,
): string | undefined {
  if (copyTarget(stayer)) return copiesConflict(ctx, copy, stayer, pass.history);
  if (stayer.name === 'run') {
    const why = stableReason(ctx, stayer, copy, pass.args, pass.history);
    return why && `it ${why}`;
  }
  const destination = copyDestination(ctx, copy);
  if (typeof destination !== 'string') return `the COPY ${destination.reason.replace(/^needs/, 'would need')}`;
  if (stayer.name === 'workdir') {
    const scope = pathScopes(ctx.root).get(stayer.node);
    const written = expandPath(copyTarget(copy)!, pathScopes(ctx.root).get(copy.node)?.env ?? new Map());
    const path = scope && expandPath(stayer.args.trim(), scope.env);
    const folder = path !== undefined && scope?.workdir !== undefined ? posix.resolve(scope.workdir, path) : undefined;
    if (!written?.startsWith('/')) return 'the COPY writes relative to the working directory it sets';
    if (folder === undefined || folder.startsWith(IMAGE_WORKDIR)) return 'layerfix cannot tell the folder it makes';
    const made = [destination, ...madeFolders(destination)];
    if (made.some((path) => isUnder(path, folder) || isUnder(folder, path)))
      return `it makes ${folder}, where the COPY writes or makes folders`;
    return undefined;
  }
  if (intersects(usedVariables(copy), definedVariables(stayer))) return 'the COPY uses a variable it sets';
  return undefined;
}

/** Files whose accounts a `--chown` by name reads. */
const ACCOUNT_FILES: readonly Place[] = [
  { path: '/etc/passwd', tree: false },
  { path: '/etc/group', tree: false },
];

/**
 * Why two copies may build something else in the other order, or undefined: they write the same places (under the
 * names the stage's links give them), one may write through a link an earlier copy brought, or they make the same
 * folders with different owners or modes.
 */
function copiesConflict(
  ctx: Context,
  a: InstructionView,
  b: InstructionView,
  history: StageHistory,
): string | undefined {
  const [first, second] = [copyDestination(ctx, a), copyDestination(ctx, b)];
  if (typeof first !== 'string') return first.reason;
  if (typeof second !== 'string') return second.reason;
  const [x, y] = [
    { path: first, tree: true },
    { path: second, tree: true },
  ];
  if (first === '/' || second === '/') return 'one writes into / itself';
  const links = history.read();
  const reached = throughLinks(y, links);
  const met = throughLinks(x, links).find((place) => reached.some((other) => overlaps(place, other)));
  if (met) return `both write ${met.path}`;
  const linked = history
    .mayLinkBesides(b)
    .find(({ place }) => isUnder(first, place.path) || isUnder(second, place.path));
  if (linked) return `an earlier COPY may have brought a symbolic link into ${linked.place.path}, where they write`;
  const owner = (view: InstructionView) => view.flags.find((flag) => flag.name === 'chown')?.value;
  for (const [copy, other] of [
    [a, y],
    [b, x],
  ] as const) {
    if (/[A-Za-z_]/.test(owner(copy) ?? '') && ACCOUNT_FILES.some((file) => overlaps(file, other)))
      return `one names its owner \`${owner(copy)}\`, whose account the other may copy`;
  }
  const styled = (view: InstructionView) => view.flags.some((flag) => flag.name === 'chown' || flag.name === 'chmod');
  const shared = madeFolders(first).find((folder) => madeFolders(second).includes(folder));
  if (shared && (styled(a) || styled(b))) return `both may make ${shared}, with different owners or modes`;
  return undefined;
}

/** Why an instruction cannot move before a COPY/ADD; a copy that is not of the sources is named, as it stays anyway. */
function passCopyProblem(
  ctx: Context,
  view: InstructionView,
  copy: InstructionView,
  pass: StagePass,
): string | undefined {
  const why =
    stableReason(ctx, view, copy, pass.args, pass.history) ??
    blockingStayer(ctx, view, copy, pass.history, pass.instructions);
  if (!why || pass.sourceCopies.has(copy)) return why;
  return `would have to move past the ${copy.keyword.toUpperCase()} at ${positionText(ctx.edit.originOf(copy.node))}: it ${why}`;
}

/**
 * Whether an instruction copies files a source edit changes: a COPY/ADD from the build context, or one from a stage
 * built from it (`COPY --from=build /app/dist /srv`). Steps after one rerun on every such edit.
 */
function isSourceCopy(ctx: Context, view: InstructionView): boolean {
  const target = copyTarget(view);
  if (target === undefined) return false;
  if (view.flags.some((flag) => flag.name === 'from')) return copiesFromContextStage(ctx.root, view);
  return !view.heredocs.length;
}

/** The absolute folder a COPY writes into, or why layerfix cannot tell it. */
function copyDestination(ctx: Context, copy: InstructionView): string | { reason: string } {
  const scope = pathScopes(ctx.root).get(copy.node);
  const written = copyTarget(copy)!;
  const expanded = scope && expandPath(written, scope.env);
  const at = positionText(ctx.edit.originOf(copy.node));
  if (expanded === undefined)
    return {
      reason: `needs to know where the COPY at ${at} writes, and its destination \`${written}\` uses a variable layerfix cannot resolve`,
    };
  if (expanded.startsWith('/')) return posix.resolve(expanded);
  const workdir = scope?.workdir;
  if (workdir === undefined || workdir.startsWith(IMAGE_WORKDIR)) {
    return {
      reason: `needs to know where the COPY at ${at} writes, and its destination \`${written}\` is relative to a working directory layerfix cannot tell`,
    };
  }
  return posix.resolve(workdir, expanded);
}

/**
 * Where a RUN's mounts are, absolute (undefined where a target uses a variable layerfix cannot resolve, or is relative
 * to a working directory it cannot tell): each `target` (`dst`, `destination`), and a secret's default
 * /run/secrets/<id>.
 */
function mountTargets(view: InstructionView, scope: ReturnType<typeof runScopeOf>): Array<string | undefined> {
  const out: Array<string | undefined> = [];
  for (const flag of view.flags.filter((f) => f.name === 'mount')) {
    const field = (...keys: string[]) =>
      flag.fields?.find((f) => keys.includes(f.key))?.value ??
      new RegExp(`(?:^|,)(?:${keys.join('|')})=([^,]*)`).exec(flag.value ?? '')?.[1];
    const type = field('type') ?? 'bind';
    const id = field('id');
    const target =
      field('target', 'dst', 'destination') ?? (type === 'secret' && id ? `/run/secrets/${id}` : undefined);
    if (target === undefined) {
      if (type !== 'secret' && type !== 'ssh') out.push(undefined);
      continue;
    }
    const expanded = expandPath(target.replace(/^"(.*)"$/, '$1'), scope.env);
    const absolute =
      expanded === undefined
        ? undefined
        : expanded.startsWith('/')
          ? expanded
          : scope.cwd && posix.resolve(scope.cwd, expanded);
    out.push(absolute === undefined ? undefined : posix.normalize(absolute));
  }
  return out;
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

/**
 * What the instructions of a stage so far did that a later proof may need: the symbolic links its RUNs made, and the
 * places they and its copies wrote (a configuration a later command reads may be among them). Read only when a proof
 * asks: reading them means reading every earlier RUN's effects, and most instructions are kept for a reason found
 * before. A RUN whose effects layerfix cannot tell adds nothing here.
 */
class StageHistory {
  private readonly known: Link[] = [];
  private readonly written: Place[] = [];
  private readonly linked: MayLink[] = [];
  /** The instruction each of `linked` comes from. */
  private readonly linkedBy: InstructionView[] = [];
  private lookup: ContextLookup | undefined;
  /** What each copy brings, by name (`copiedNames`). */
  private readonly names = new Map<InstructionView, ReadonlySet<string> | undefined>();

  constructor(
    private readonly ctx: Context,
    private readonly pending: InstructionView[],
  ) {}

  /** Count an instruction from now on. */
  add(view: InstructionView): void {
    this.pending.push(view);
  }

  private context(): ContextLookup {
    return (this.lookup ??= transformBuildContext(this.ctx));
  }

  /** The name of every entry a copy of the build context brings, when layerfix can tell them (listed once per copy). */
  readonly copiedNames = (copy: InstructionView): ReadonlySet<string> | undefined => {
    if (!this.names.has(copy)) {
      const found = this.context();
      this.names.set(copy, 'context' in found ? copiedNames(copy, found.context) : undefined);
    }
    return this.names.get(copy);
  };

  private catchUp(): void {
    for (const view of this.pending) {
      const facts = historyOf(this.ctx, view, () => this.context());
      this.known.push(...facts.links);
      this.written.push(...facts.writes);
      this.linked.push(...facts.mayLink);
      this.linkedBy.push(...facts.mayLink.map(() => view));
    }
    this.pending.length = 0;
  }

  /** The links of every instruction added so far. */
  readonly read = (): readonly Link[] => {
    this.catchUp();
    return this.known;
  };

  /** The first of `places` an instruction added so far wrote. */
  readonly wrote = (places: readonly Place[]): Place | undefined => {
    this.catchUp();
    return places.find((place) => this.written.some((written) => overlaps(place, written)));
  };

  /** Where the copies added so far may have brought symbolic links layerfix cannot follow. */
  readonly mayLink = (): readonly MayLink[] => {
    this.catchUp();
    return this.linked;
  };

  /** Where the copies added so far, but `view`, may have brought symbolic links layerfix cannot follow. */
  mayLinkBesides(view: InstructionView): readonly MayLink[] {
    this.catchUp();
    return this.linked.filter((_, i) => this.linkedBy[i] !== view);
  }
}

/**
 * The symbolic links an instruction makes, the places it writes, and where a copy may have brought links whose
 * targets layerfix cannot tell: a copy from another stage or image, or from a build context layerfix cannot read or
 * that holds a link. A folder copy may have brought them anywhere below; a copy of one named path, only there.
 */
function historyOf(
  ctx: Context,
  view: InstructionView,
  lookup: () => ContextLookup,
): { links: Link[]; writes: Place[]; mayLink: MayLink[] } {
  const words = copyWords(view);
  if (words !== undefined) {
    const destination = copyDestination(ctx, view);
    const place: Place = { path: typeof destination === 'string' ? destination : '/', tree: true };
    const sources = words.slice(0, -1).filter((source) => !source.startsWith('<<') && !/^[a-z]+:\/\//i.test(source));
    const fromContext = !view.flags.some((flag) => flag.name === 'from');
    const linked = (source: string) => {
      if (!fromContext || view.name === 'add') return true;
      const found = lookup();
      if (!('context' in found) || /[*?[]/.test(source)) return true;
      const { context } = found;
      if (context.isLink(source)) return true;
      if (!context.isDirectory(source)) return !context.isFile(source);
      const special = context.specialEntry(source);
      return special === 'limit' || (special !== undefined && !/setuid|setgid/.test(special.what));
    };
    const mayLink = sources
      .filter(linked)
      .map((source) => ({ place, covering: fromContext || /\/$|^\.$|[*?[]/.test(source) }));
    return { links: [], writes: [place], mayLink };
  }
  if (view.name !== 'run') return { links: [], writes: [], mayLink: [] };
  const shell = posixShell(ctx, view);
  if (typeof shell === 'string') return { links: [], writes: [], mayLink: [] };
  const effects = runEffects(shell, runScopeOf(pathScopes(ctx.root).get(view.node)));
  return { links: effects.links, writes: [...effects.writes, ...effects.removes], mayLink: [] };
}

/** Why an instruction is not stable with respect to the copy, or undefined when it is. */
function stableReason(
  ctx: Context,
  view: InstructionView,
  copy: InstructionView,
  args: Set<string>,
  history: StageHistory,
): string | undefined {
  if (view.name === 'run') {
    const shell = posixShell(ctx, view);
    if (typeof shell === 'string') return shell;
    if (view.flags.some((f) => f.name === 'mount' && !/type=(cache|secret|ssh|tmpfs)/.test(f.value ?? '')))
      return 'mounts files from the build context';
    const destination = copyDestination(ctx, copy);
    if (typeof destination !== 'string') return destination.reason;
    const scope = pathScopes(ctx.root).get(view.node);
    for (const target of mountTargets(view, runScopeOf(scope))) {
      // buildah, podman and BuildKit before 0.11 leave a mount's target (and the folders made for it) in the image.
      if (target === undefined) return 'has a mount whose target layerfix cannot tell';
      if (isUnder(target, destination) || isUnder(destination, target))
        return `mounts at ${target}, a folder some builders leave in the image, where the copy into ${destination} writes`;
    }
    const ownership = copy.flags.find((flag) => flag.name === 'chown')?.value;
    const stableCommands = ctx.options.stableCommands.map((source) => new RegExp(source));
    const result = runStability(shell, {
      destination,
      run: runScopeOf(scope),
      stableCommands,
      ownership,
      links: history.read,
      stageWrote: history.wrote,
      mayLink: history.mayLink,
      copiedNames: () => history.copiedNames(copy),
      startup: shellFacts(ctx.root).get(view.node)?.startup,
    });
    return result.stable ? undefined : result.reason;
  }
  if (view.name === 'env' || METADATA.has(view.name)) {
    const uses = referencedVariables(view.args);
    if (intersects(uses, args)) return 'uses a build argument, whose value may change from build to build';
    return undefined;
  }
  return `is a ${view.keyword.toUpperCase()}, which layerfix does not move`;
}

/**
 * The instructions of the stages a stage is built on, the oldest first: the links and files they made are in the
 * stage from its FROM on.
 */
function inheritedInstructions(ctx: Context, stage: Stage): InstructionView[] {
  const list = stages(ctx.root);
  const bases = stageBases(ctx.root);
  const out: InstructionView[] = [];
  for (let current: Stage | undefined = stage; current;) {
    const base = bases.get(current);
    const parent: Stage | undefined =
      base && 'stage' in base ? referencedStage(list, base.stage, current.index) : undefined;
    if (parent) out.unshift(...parent.instructions);
    current = parent;
  }
  return out;
}

/** Why an instruction cannot move before one that stays (other than a context copy), or undefined. */
function blockingStayer(
  ctx: Context,
  view: InstructionView,
  stayer: InstructionView,
  history: StageHistory,
  instructions: readonly InstructionView[],
): string | undefined {
  if (BARRIERS.has(stayer.name)) return barrierText(ctx, stayer);
  const at = positionText(ctx.edit.originOf(stayer.node));
  if (stayer.name === 'workdir') {
    const why =
      view.name === 'run' ? workdirProblem(ctx, view, stayer, history, instructions) : 'only a RUN moves past one';
    return why ? `would have to move past the WORKDIR at ${at}: ${why}` : undefined;
  }
  if (view.name === 'run' && stayer.name === 'run') {
    const why = commuteProblem(ctx, view, stayer);
    return why ? `would have to move before the RUN at ${at}, which stays, and ${why}` : undefined;
  }
  if (view.name === 'run' && (stayer.name === 'env' || stayer.name === 'arg'))
    return `would have to move before the ${stayer.keyword.toUpperCase()} at ${at}, which stays and may affect it`;
  if (view.name === 'env' && stayer.name === 'run')
    return `would change the environment of the RUN at ${at}, which stays`;
  const defines = definedVariables(view);
  const uses = usedVariables(view);
  if (
    intersects(defines, usedVariables(stayer)) ||
    intersects(uses, definedVariables(stayer)) ||
    intersects(defines, definedVariables(stayer))
  ) {
    return `shares variables with the ${stayer.keyword.toUpperCase()} at ${at}, which stays`;
  }
  const key = [...labelKeys(view)].find((name) => labelKeys(stayer).has(name));
  if (key) return `sets the label ${key}, as the LABEL at ${at}, which stays, does: the last one decides its value`;
  return undefined;
}

/**
 * Why a RUN may do something else once moved before a WORKDIR, or undefined when it is proven to do the same in the
 * working directory before it (workdirMoveProblem): what it does does not depend on its working directory, and it
 * touches nothing at, below or above the folder the WORKDIR makes. The folder must still be made without it: BuildKit
 * makes it at the WORKDIR, but a buildah build here left it out when no RUN ran in it, so another RUN that stays after
 * the WORKDIR (and before any USER) must run there. `instructions` is the stage's; without it no such RUN is asked for.
 */
function workdirProblem(
  ctx: Context,
  view: InstructionView,
  workdir: InstructionView,
  history: StageHistory,
  instructions?: readonly InstructionView[],
): string | undefined {
  const shell = posixShell(ctx, view);
  if (typeof shell === 'string') return `it ${shell}`;
  const scopes = pathScopes(ctx.root);
  const before = scopes.get(workdir.node);
  const here = runScopeOf(scopes.get(view.node));
  const there = { ...here, cwd: runScopeOf(before).cwd };
  const written = workdir.args.trim();
  const path = before && expandPath(written, before.env);
  if (path === undefined || path === '') return `its path \`${written}\` uses a variable layerfix cannot resolve`;
  if (there.cwd === undefined) return 'layerfix cannot tell the working directory before it';
  const created = posix.resolve(there.cwd, path);
  // A mount's relative target is joined to the working directory; a target near the WORKDIR's folder is made there.
  for (const target of mountTargets(view, { ...here, cwd: undefined })) {
    if (target === undefined)
      return 'it has a mount whose target is relative to the working directory, or one layerfix cannot tell';
    if (isUnder(target, created) || isUnder(created, target))
      return `the WORKDIR creates ${created} when it is missing, and it mounts over ${target}`;
  }
  const problem = workdirMoveProblem(shell, { here, there, created, links: history.read() });
  if (problem || !instructions) return problem;
  // A RUN that cannot pass the WORKDIR itself stays after it, whatever else moves.
  for (const later of instructions.slice(instructions.indexOf(workdir) + 1)) {
    if (later.name === 'user' || later.name === 'workdir' || later.name === 'from') break;
    if (later === view || later.name !== 'run') continue;
    if (!ctx.enabledFor(later.node) || workdirProblem(ctx, later, workdir, history) !== undefined) return undefined;
  }
  return `no RUN that stays would run in ${created} after it, and not every builder makes a WORKDIR's folder when no RUN runs in it`;
}

/** Why running `mover` before `stayer` (instead of after) may build something else; undefined when they commute. */
function commuteProblem(ctx: Context, mover: InstructionView, stayer: InstructionView): string | undefined {
  const a = effectsOf(ctx, mover);
  const b = effectsOf(ctx, stayer);
  if (typeof b === 'string') return `layerfix cannot tell what that RUN does (${b})`;
  if (typeof a === 'string') return a;
  // Each starts a fresh shell: what one does to how the shell starts, the other would start without (red team 34).
  const facts = shellFacts(ctx.root);
  const started = shellStartChange(facts.get(mover.node)!, b) ?? shellStartChange(facts.get(stayer.node)!, a);
  if (started) return `one ${started}`;
  // What LD_PRELOAD and LD_LIBRARY_PATH name, every program loads (red team 36).
  const loaded = preloaded(ctx, mover);
  const preload = [...a.writes, ...a.removes, ...b.writes, ...b.removes].find((place) =>
    loaded.some((file) => overlaps(place, file)),
  );
  if (preload) return `one writes ${preload.path}, which LD_PRELOAD or LD_LIBRARY_PATH makes every program load`;
  const changes = (effects: RunEffects) => [...effects.writes, ...effects.removes, ...effects.installs];
  const meet = (left: readonly Place[], right: readonly Place[]) =>
    left.find((place) => right.some((other) => overlaps(place, other)));
  const written = meet(changes(a), [...b.reads, ...changes(b)]) ?? meet(changes(b), a.reads);
  if (written) return `both touch ${written.path}`;
  // What one reads or changes inside a folder the other makes, removes or changes needs that folder as the other
  // leaves it (`mkdir -p /var/log/app`, then `touch /var/log/app/x`: red team 34).
  const inside = (left: readonly Place[], right: readonly Place[]) =>
    left.find((place) => right.some((folder) => place.path !== folder.path && isUnder(place.path, folder.path)));
  const nested = inside([...changes(a), ...a.reads], changes(b)) ?? inside([...changes(b), ...b.reads], changes(a));
  if (nested) return `one works inside a folder the other makes or changes (${nested.path})`;
  if ((a.installsCommands && b.calls.length) || (b.installsCommands && a.calls.length))
    return 'one may install programs the other runs';
  const accounts = (effects: RunEffects) => [...effects.createsAccounts, ...effects.changesAccounts];
  if (accounts(a).length && accounts(b).length)
    return 'both create or change accounts, whose ids depend on their order';
  return undefined;
}

/** The files and folders the stage's LD_PRELOAD and LD_LIBRARY_PATH name (all of `/` when one is not known). */
function preloaded(ctx: Context, view: InstructionView): Place[] {
  const env = pathScopes(ctx.root).get(view.node)?.env;
  const out: Place[] = [];
  for (const name of ['LD_PRELOAD', 'LD_LIBRARY_PATH']) {
    if (!env?.has(name)) continue;
    const value = env.get(name);
    if (value === undefined) return [{ path: '/', tree: true }];
    for (const path of value.split(/[:\s]+/))
      if (path.startsWith('/')) out.push({ path, tree: name === 'LD_LIBRARY_PATH' });
  }
  return out;
}

/** The effects of a RUN, or why layerfix cannot tell them. */
function effectsOf(ctx: Context, view: InstructionView): RunEffects | string {
  const shell = posixShell(ctx, view);
  if (typeof shell === 'string') return shell;
  const scope = pathScopes(ctx.root).get(view.node);
  const effects = runEffects(shell, runScopeOf(scope));
  return effects.unknown ? effects.unknown.reason : effects;
}
