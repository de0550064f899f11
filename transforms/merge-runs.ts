/**
 * merge-runs: join consecutive RUN instructions of a stage into one `RUN a && \ b`, keeping exactly what the
 * separate RUNs did: the build still stops at the first failing command, and no shell state leaks between them.
 */
import {
  NodeData,
  defineTransform,
  stages,
  docsUrl,
  instructionView,
  positionText,
  print,
  printChain,
  readDisableComment,
  toLocal,
  type ChainPart,
  type InstructionNode,
  type InstructionView,
  type PosixShellView,
  type ShellView,
  type Stage,
  type TopNode,
  type ContextOf,
} from '../src/engine/index.js';
import {
  chainFacts,
  contextCopies,
  layerClass,
  shippedStages,
  type LayerClass,
  leaksState,
  pathScopes,
  runEffects,
  runScopeOf,
  sameShellHazard,
  sameShellSetup,
  shellFacts,
  shellsInEffect,
  type ChainFacts,
  type PathScope,
  type RunEffects,
} from '../src/analysis/index.js';

const options = {
  maxCommands: {
    type: 'number',
    default: 0,
    min: 0,
    integer: true,
    description: 'Largest number of top-level commands in one merged RUN; 0 means no limit.',
  },
  exclude: {
    type: 'string[]',
    format: 'regex',
    default: [],
    description: 'Regular expressions: a RUN whose command matches one stays separate.',
  },
  isolateState: {
    type: 'boolean',
    default: false,
    description:
      'Merge a RUN that changes shell state (cd, export, set ...) by running it in a subshell `( ... )` instead of keeping it separate.',
  },
  stages: {
    type: 'enum',
    default: 'shipped',
    values: ['shipped', 'all'],
    description:
      'Merge in the stages the image is made of (the target and the stages it is built FROM), or in every stage. A merge in a build-only stage only coarsens its cache.',
  },
} as const;

type Context = ContextOf<typeof options>;

export default defineTransform({
  name: 'merge-runs',
  description: 'Merge consecutive RUN instructions of a stage into one RUN chained with &&.',
  url: docsUrl('transforms.md', 'merge-runs'),
  defaultEnabled: true,
  meaning: 'declared',
  options,
  run(ctx) {
    const exclude = ctx.options.exclude.map((source) => new RegExp(source));
    const facts = fileFacts(ctx);
    const quiet = new Set<Stage>();
    let index = 0;
    while (index < ctx.root.children.length) {
      const first = ctx.root.children[index];
      if (first.type !== 'instruction' || first.name !== 'run') {
        index++;
        continue;
      }
      const stage = facts.stages.get(facts.key(first));
      if (stage && !facts.shipped.has(stage)) {
        if (!quiet.has(stage) && following(ctx, first)?.next.name === 'run') {
          quiet.add(stage);
          const name = stage.name ? `\`${stage.name}\`` : `${stage.index + 1}`;
          ctx.skipped(
            `Kept the RUNs of stage ${name} separate: the image is not made of that stage, and merging where layers do not ship only coarsens the cache (stages: "all" merges there too)`,
            first,
          );
        }
        index++;
        continue;
      }
      const merged = tryMerge(ctx, facts, first, exclude);
      if (!merged) index++;
    }
  },
});

/**
 * What merge-runs reads of the whole file, once per run and keyed by the instructions of the tree it was given: a
 * chain it makes stands where its first RUN stood (`ctx.edit.originOf`) and shares its stage, shell and scope.
 * Reading them again after every merge would cost time quadratic in a file's RUNs.
 */
interface FileFacts {
  /** The instruction of the pass's starting tree a node stands for: itself, or the first RUN of the chain it is. */
  key(node: InstructionNode): InstructionNode;
  /** Record that a chain made this pass stands where `from` stood. */
  standsFor(created: InstructionNode, from: InstructionNode): void;
  stages: ReadonlyMap<InstructionNode, Stage>;
  /** The stages where merging pays (all of them under `stages: "all"`). */
  shipped: ReadonlySet<Stage>;
  shells: ReturnType<typeof shellFacts>;
  shellsInEffect: ReturnType<typeof shellsInEffect>;
  scopes: ReturnType<typeof pathScopes>;
  copies: ReturnType<typeof contextCopies>;
}

function fileFacts(ctx: Context): FileFacts {
  const all = stages(ctx.root);
  const chains = new Map<InstructionNode, InstructionNode>();
  return {
    key: (node) => chains.get(node) ?? node,
    standsFor: (created, from) => chains.set(created, chains.get(from) ?? from),
    stages: new Map(
      all.flatMap((stage) => stage.instructions.map((view): [InstructionNode, Stage] => [view.node, stage])),
    ),
    shipped: ctx.options.stages === 'all' ? new Set(all) : shippedStages(ctx.root, ctx.build.target),
    shells: shellFacts(ctx.root),
    shellsInEffect: shellsInEffect(ctx.root),
    scopes: pathScopes(ctx.root),
    copies: contextCopies(ctx.root),
  };
}

/** The nodes between an instruction and the next one: comments and blank lines only, or undefined. */
function following(ctx: Context, node: InstructionNode): { between: TopNode[]; next: InstructionNode } | undefined {
  const children = ctx.root.children;
  const between: TopNode[] = [];
  for (let i = ctx.edit.indexOf(node) + 1; i < children.length; i++) {
    const child = children[i];
    if (child.type === 'instruction') return { between, next: child };
    between.push(child);
  }
  return undefined;
}

/** Try to merge the RUN after `first` into it; true when it did. */
function tryMerge(ctx: Context, file: FileFacts, first: InstructionNode, exclude: RegExp[]): boolean {
  const after = following(ctx, first);
  if (!after || after.next.name !== 'run') return false;
  const { between, next } = after;
  const a = instructionView(first, ctx.root.data.escape);
  const b = instructionView(next, ctx.root.data.escape);
  const at = (view: InstructionView) => positionText(ctx.edit.originOf(view.node));
  const skip = (reason: string) => {
    ctx.skipped(`Kept RUN at ${at(b)} separate: ${reason}`, next);
    return false;
  };
  if (!ctx.enabledFor(first) || !ctx.enabledFor(next)) return false;
  if (between.some((node) => node.type === 'comment' && readDisableComment(node))) {
    return skip('a disable comment stands before it; merging would detach it from its instruction');
  }
  for (const view of [a, b]) {
    if (view.form === 'exec') return skip(`RUN at ${at(view)} is in exec (JSON) form, which runs without a shell`);
    if (view.heredocs.length) return skip(`RUN at ${at(view)} has a heredoc`);
    if (!view.args.trim()) return skip(`RUN at ${at(view)} has no command`);
  }
  const flagsA = a.flags
    .map((f) => f.text)
    .sort()
    .join(' ');
  const flagsB = b.flags
    .map((f) => f.text)
    .sort()
    .join(' ');
  if (flagsA !== flagsB)
    return skip(`its flags (${flagsB || 'none'}) differ from those of the RUN before it (${flagsA || 'none'})`);
  const origin = file.key(first);
  const facts = file.shells.get(origin)!;
  if (facts.os.os === 'unknown') return skip(`layerfix cannot tell which shell runs it: ${facts.os.reason}`);
  const shell = file.shellsInEffect.get(origin) ?? null;
  const factsA = chains.get(first) ?? chainFacts(ctx.shellView(a.args, { shell }));
  const factsB = chains.get(next) ?? chainFacts(ctx.shellView(b.args, { shell }));
  const shellA = factsA.view;
  const shellB = factsB.view;
  if (!shellA.posix || !shellB.posix)
    return skip(`the shell in effect is not a POSIX shell (${shellA.posix ? '' : shellA.reason})`);
  for (const regex of exclude) {
    if (regex.test(a.args) || regex.test(b.args))
      return skip(`a command matches the exclude pattern /${regex.source}/`);
  }
  for (const [view, sv] of [
    [a, shellA],
    [b, shellB],
  ] as const) {
    const blocker = sv.hazards.find((h) => h.kind === 'parse-error' || h.kind === 'background' || h.kind === 'heredoc');
    if (blocker?.kind === 'parse-error') return skip(`RUN at ${at(view)} does not parse as shell (${blocker.reason})`);
    if (blocker) return skip(`RUN at ${at(view)} ${blocker.reason}`);
  }
  if (a.args.length + b.args.length > MAX_MERGED_LENGTH) {
    return skip(
      `the merged command would be ${Math.ceil((a.args.length + b.args.length) / 1024)} KiB, and layerfix keeps one RUN's shell text under ${MAX_MERGED_LENGTH / 1024} KiB (Linux refuses a single argument over 128 KiB)`,
    );
  }
  if (ctx.options.maxCommands > 0 && factsA.items + factsB.items > ctx.options.maxCommands) {
    return skip(`the merged RUN would hold more than maxCommands (${ctx.options.maxCommands}) commands`);
  }
  const errexit = facts.errexit ? `the shell runs with errexit (${facts.errexit})` : 'the RUN before it uses `set -e`';
  if ((facts.errexit || factsA.errexit || factsA.usesErrexit) && !factsA.endsSimple) {
    const where = facts.errexit ? `${errexit}, and the RUN before it ends` : `${errexit} and ends`;
    return skip(
      `${where} in a compound command; with \`&&\` after it, a failure inside would no longer stop the build`,
    );
  }
  const leak = leaksState(shellA);
  let isolateFirst = false;
  if (leak && !sameShellSetup(shellA, shellB)) {
    const why = `the RUN before it ${leak.reason}, which would carry over into this command in one shell`;
    if (!ctx.options.isolateState) return skip(`${why} (isolateState: true merges it in a subshell instead)`);
    if (facts.errexit || factsA.usesErrexit)
      return skip(
        `${why}, and ${facts.errexit ? errexit : 'it uses `set -e`'}, which a subshell before \`&&\` would ignore`,
      );
    isolateFirst = true;
  }
  const scope = file.scopes.get(origin);
  const effectsA = chainEffects.get(first) ?? effectsOf(scope, shellA);
  const effectsB = chainEffects.get(next) ?? effectsOf(file.scopes.get(file.key(next)), shellB);
  const hazard = sameShellHazard({
    facts,
    flags: a.flags,
    cwd: runScopeOf(scope).cwd,
    path: scope?.searchPath,
    before: effectsA,
    after: effectsB,
    afterText: b.args,
  });
  if (hazard) return skip(`the RUN before it ${hazard}`);
  const classA = layerClass(effectsA, file.copies.get(origin) ?? []);
  const classB = layerClass(effectsB, file.copies.get(file.key(next)) ?? []);
  if (classA !== classB) {
    return skip(
      `it ${CLASS_TEXT[classB]}, while the RUN before it ${CLASS_TEXT[classA]}: merged, they would be one layer, cached and rebuilt together`,
    );
  }
  const text = mergedText(ctx, a, b, factsA, factsB, between, isolateFirst);
  const created = ctx.edit.replace(first, text.physical, { line: text.logical });
  chains.set(created, text.facts);
  file.standsFor(created, first);
  chainEffects.set(created, joinedEffects(effectsA, effectsB));
  ctx.edit.remove([...between, next]);
  // Reported where the RUN that joined the chain stood: the RUN it joined may itself have stayed apart from the one before.
  ctx.changed(
    {
      done: `Merged RUN at ${at(b)} into RUN at ${at(a)}`,
      planned: `Would merge RUN at ${at(b)} into RUN at ${at(a)}`,
    },
    next,
    [next],
  );
  return true;
}

/** A command body in both physical (as written) and logical (as BuildKit reads it) text. */
interface Body {
  physical: string;
  logical: string;
}

/**
 * What merge-runs knows of the shell text of RUNs it made, derived from the parts instead of parsed again (parsing
 * each longer chain anew would cost quadratic time on long files). The guard still checks the printed result.
 */
const chains = new NodeData<ChainFacts>('layerfix.merge-runs.chain');
/** The file effects of the RUNs a chain was made of, in order. */
const chainEffects = new NodeData<RunEffects>('layerfix.merge-runs.chain-effects');

/** What each layer class says of a RUN, for messages. */
const CLASS_TEXT: Record<LayerClass, string> = {
  stable: 'uses nothing copied from the build context',
  manifests: 'reads the dependency manifests copied before it',
  source: 'reads the sources copied before it',
  unknown: 'has effects layerfix cannot tell',
};

/** The longest shell text layerfix makes one RUN of: a quarter of the 128 KiB Linux allows one argument. */
const MAX_MERGED_LENGTH = 32 * 1024;

/** The file effects of a RUN as written, from where it runs. */
function effectsOf(scope: PathScope | undefined, shell: PosixShellView): RunEffects {
  return runEffects(shell, runScopeOf(scope));
}

/** The effects of `A && B`, from those of A and B. */
function joinedEffects(a: RunEffects, b: RunEffects): RunEffects {
  return {
    reads: [...a.reads, ...b.reads],
    writes: [...a.writes, ...b.writes],
    removes: [...a.removes, ...b.removes],
    installs: a.installs.length ? a.installs : b.installs,
    unknownReads: [...a.unknownReads, ...b.unknownReads],
    links: [...a.links, ...b.links],
    systemPackages: a.systemPackages || b.systemPackages,
    installsCommands: a.installsCommands || b.installsCommands,
    createsAccounts: [...a.createsAccounts, ...b.createsAccounts],
    changesAccounts: [...a.changesAccounts, ...b.changesAccounts],
    unknown: a.unknown ?? b.unknown,
    looksUp: [...a.looksUp, ...b.looksUp],
    calls: [...a.calls, ...b.calls],
  };
}

/** The facts of `A && B`, from those of A and B. */
function joinedFacts(a: ChainFacts, b: ChainFacts, args: string, isolateFirst: boolean, groupB: boolean): ChainFacts {
  const fromA = a.view.hazards.filter(
    (h) => h.kind !== 'comment' && !(isolateFirst && leaksState({ ...a.view, hazards: [h] })),
  );
  const fromB = b.view.hazards.filter((h) => !(groupB && h.kind === 'comment'));
  const view: ShellView = {
    ...b.view,
    text: args,
    lists: [...a.view.lists, ...b.view.lists],
    commands: [
      ...(isolateFirst ? a.view.commands.map((command) => ({ ...command, topLevel: false })) : a.view.commands),
      ...b.view.commands,
    ],
    hazards: [...fromA, ...fromB],
    trailingComment: groupB ? null : b.view.trailingComment,
    hasTopLevelOr: a.view.hasTopLevelOr || b.view.hasTopLevelOr,
    hasTopLevelSequence: a.view.hasTopLevelSequence || b.view.hasTopLevelSequence,
    hasTopLevelBackground: false,
    errors: [],
  };
  return {
    view,
    items: a.items + b.items,
    endsSimple: !groupB && b.endsSimple,
    errexit: b.errexit ?? (isolateFirst ? undefined : a.errexit),
    usesErrexit: a.usesErrexit || b.usesErrexit,
  };
}

/** The merged instruction: A's head and body, the comments between, B's body, joined with `&&`. */
function mergedText(
  ctx: Context,
  a: InstructionView,
  b: InstructionView,
  factsA: ChainFacts,
  factsB: ChainFacts,
  between: TopNode[],
  isolateFirst: boolean,
): { physical: string; logical: string; facts: ChainFacts } {
  const shellA = factsA.view;
  const shellB = factsB.view;
  const textA = print(a.node);
  const headEnd = toLocal(a.logical, a.argsStart, 'start');
  const head = textA.slice(0, headEnd);
  const bodyA = body(a, shellA, { cutComment: true, wrap: isolateFirst ? 'subshell' : 'none' });
  const groupB = shellB.hasTopLevelOr || shellB.hasTopLevelSequence;
  const bodyB = body(b, shellB, { cutComment: false, wrap: groupB ? 'group' : 'none' });
  const parts: ChainPart[] = [{ kind: 'command', text: bodyA.physical }];
  if (shellA.trailingComment) parts.push({ kind: 'comment', text: shellA.trailingComment.text });
  for (const node of between) {
    if (node.type === 'comment') parts.push({ kind: 'comment', text: print(node).trim() });
  }
  if (groupB && shellB.trailingComment) parts.push({ kind: 'comment', text: shellB.trailingComment.text });
  parts.push({ kind: 'command', text: bodyB.physical });
  const physical = printChain(head, parts, ctx.style);
  const args = `${bodyA.logical} && ${bodyB.logical}`;
  const logical = `${a.logical.text.slice(0, a.argsStart)}${args}`;
  return { physical, logical, facts: joinedFacts(factsA, factsB, args, isolateFirst, groupB) };
}

/** The body of a RUN, its trailing comment cut when asked, wrapped in a subshell or a brace group when asked. */
function body(
  view: InstructionView,
  shell: ShellView,
  how: { cutComment: boolean; wrap: 'none' | 'subshell' | 'group' },
): Body {
  let end = view.args.length;
  // The comment ends the text; found from the end, since a chain's facts keep offsets of the RUN it came from.
  if ((how.cutComment || how.wrap !== 'none') && shell.trailingComment)
    end = view.args.lastIndexOf(shell.trailingComment.text);
  while (end > 0 && /\s/.test(view.args[end - 1])) end--;
  // A final `;` operator goes (`a; b;` is `a; b`), but not the `;` of a word such as `\;` after `find -exec`.
  if (shell.lists[shell.lists.length - 1]?.operator?.value === ';' && view.args[end - 1] === ';') end--;
  while (end > 0 && /\s/.test(view.args[end - 1])) end--;
  const text = print(view.node);
  const start = toLocal(view.logical, view.argsStart, 'start');
  const stop = toLocal(view.logical, view.argsStart + end, 'end');
  const physical = text.slice(start, stop);
  const logical = view.args.slice(0, end);
  if (how.wrap === 'subshell') return { physical: `( ${physical} )`, logical: `( ${logical} )` };
  if (how.wrap === 'group') return { physical: `{ ${physical}; }`, logical: `{ ${logical}; }` };
  return { physical, logical };
}
