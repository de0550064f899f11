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
  changesFiles,
  contextCopies,
  layerClass,
  shippedStages,
  type LayerClass,
  leaksState,
  ownCommandLine,
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
      const stage = facts.stages.get(first);
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
      const chain = mergeRunFrom(ctx, facts, first, exclude);
      index = chain ? ctx.root.children.indexOf(chain) + 1 : index + 1;
    }
  },
});

/**
 * What merge-runs reads of the whole file, once per run and keyed by the instructions of the tree it was given (a
 * chain is put in the tree only when its whole run of RUNs is merged, so every key is a node of that tree).
 */
interface FileFacts {
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
  return {
    stages: new Map(
      all.flatMap((stage) => stage.instructions.map((view): [InstructionNode, Stage] => [view.node, stage])),
    ),
    shipped: ctx.options.stages === 'all' ? new Set(all) : shippedStages(ctx.root, ctx.build.target, ctx.build.targets),
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

/**
 * A chain being built from a run of RUNs: kept apart from the tree until the run ends, then printed and put in the
 * tree once, so a run of n RUNs costs one parse of the chain instead of n (merging one RUN at a time made the time
 * quadratic in the run's length).
 */
interface Chain {
  /** The last RUN merged. */
  last: InstructionNode;
  /** What the chain holds before its last command: commands (their trailing comments cut) and comment lines. */
  done: ChainPart[];
  /** The logical text of `done`'s commands joined with `&&`. */
  doneLogical: string;
  /** The last command: as written (trailing comment kept), with its trailing comment cut, and that comment. */
  lastBody: { inline: Body; cut: Body; comment: string | undefined };
  facts: ChainFacts;
  effects: RunEffects;
  /** The instructions, comments and blank lines merged into the first RUN. */
  removed: TopNode[];
}

/** Merge the RUNs that follow `first` into it, as many as can be; returns the chain put in the tree, if any. */
function mergeRunFrom(
  ctx: Context,
  file: FileFacts,
  first: InstructionNode,
  exclude: RegExp[],
): InstructionNode | undefined {
  let chain: Chain | undefined;
  let last = first;
  for (let after = following(ctx, last); after?.next.name === 'run'; after = following(ctx, last)) {
    const next = tryMerge(ctx, file, first, chain, after.between, after.next, exclude);
    if (!next) break;
    chain = next;
    last = next.last;
  }
  if (!chain) return undefined;
  const a = instructionView(first, ctx.root.data.escape);
  const parts: ChainPart[] = [...chain.done, { kind: 'command', text: chain.lastBody.inline.physical }];
  const physical = printChain(headOf(a), parts, ctx.style);
  const logical = `${a.logical.text.slice(0, a.argsStart)}${chain.doneLogical} && ${chain.lastBody.inline.logical}`;
  const created = ctx.edit.replace(first, physical, { line: logical });
  chains.set(created, chain.facts);
  chainEffects.set(created, chain.effects);
  ctx.edit.remove(chain.removed);
  return created;
}

/** Try to merge `next` (after the nodes `between`) into the chain that starts at `first`; the longer chain when it did. */
function tryMerge(
  ctx: Context,
  file: FileFacts,
  first: InstructionNode,
  chain: Chain | undefined,
  between: TopNode[],
  next: InstructionNode,
  exclude: RegExp[],
): Chain | undefined {
  const a = instructionView(first, ctx.root.data.escape);
  const b = instructionView(next, ctx.root.data.escape);
  const at = (view: InstructionView) => positionText(ctx.edit.originOf(view.node));
  const skip = (reason: string) => {
    ctx.skipped(`Kept RUN at ${at(b)} separate: ${reason}`, next);
    return undefined;
  };
  if (!ctx.enabledFor(first) || !ctx.enabledFor(next)) return undefined;
  if (between.some((node) => node.type === 'comment' && readDisableComment(node))) {
    return skip('a disable comment stands before it; merging would detach it from its instruction');
  }
  for (const view of chain ? [b] : [a, b]) {
    if (view.form === 'exec') return skip(`RUN at ${at(view)} is in exec (JSON) form, which runs without a shell`);
    if (view.heredocs.length) return skip(`RUN at ${at(view)} has a heredoc`);
    if (!view.args.trim()) return skip(`RUN at ${at(view)} has no command`);
  }
  // Compared as written: builders differ on escapes in flags (`\\` under the backtick escape is literal to BuildKit).
  const flagsA = writtenFlags(a);
  const flagsB = writtenFlags(b);
  if (flagsA !== flagsB)
    return skip(`its flags (${flagsB || 'none'}) differ from those of the RUN before it (${flagsA || 'none'})`);
  const facts = file.shells.get(first)!;
  if (facts.os.os === 'unknown') return skip(`layerfix cannot tell which shell runs it: ${facts.os.reason}`);
  const shell = file.shellsInEffect.get(first) ?? null;
  const factsA = chain?.facts ?? chains.get(first) ?? chainFacts(ctx.shellView(a.args, { shell }));
  const factsB = chains.get(next) ?? chainFacts(ctx.shellView(b.args, { shell }));
  const shellA = factsA.view;
  const shellB = factsB.view;
  if (!shellA.posix || !shellB.posix)
    return skip(`the shell in effect is not a POSIX shell (${shellA.posix ? '' : shellA.reason})`);
  const argsA = shellA.text;
  for (const regex of exclude) {
    if (regex.test(argsA) || regex.test(b.args)) return skip(`a command matches the exclude pattern /${regex.source}/`);
  }
  for (const [view, sv] of [
    [a, shellA],
    [b, shellB],
  ] as const) {
    const blocker = sv.hazards.find((h) => h.kind === 'parse-error' || h.kind === 'background' || h.kind === 'heredoc');
    if (blocker?.kind === 'parse-error') return skip(`RUN at ${at(view)} does not parse as shell (${blocker.reason})`);
    if (blocker) return skip(`RUN at ${at(view)} ${blocker.reason}`);
    // A job sent to the background inside a subshell, group, branch or substitution ends with its RUN's container.
    const job = sv.commands.find((command) => command.context.includes('background'));
    if (job)
      return skip(
        `RUN at ${at(view)} runs \`${job.text}\` in the background with \`&\`, which the builder stops when the RUN ends: in one RUN, the commands after it would find it still running`,
      );
  }
  if (argsA.length + b.args.length > MAX_MERGED_LENGTH) {
    return skip(
      `the merged command would be ${Math.ceil((argsA.length + b.args.length) / 1024)} KiB, and layerfix keeps one RUN's shell text under ${MAX_MERGED_LENGTH / 1024} KiB (Linux refuses a single argument over 128 KiB)`,
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
  const scope = file.scopes.get(first);
  const effectsA = chain?.effects ?? chainEffects.get(first) ?? effectsOf(scope, shellA);
  const effectsB = chainEffects.get(next) ?? effectsOf(file.scopes.get(next), shellB);
  const own = ownCommandLine(b.args) ?? ownCommandLine(a.args);
  if (own)
    return skip(`it or the RUN before it reads the shell's own command line (\`${own}\`), which merging changes`);
  const hazard = sameShellHazard({
    facts,
    flags: a.flags,
    cwd: runScopeOf(scope).cwd,
    path: scope?.searchPath,
    env: runScopeOf(scope).env,
    user: scope?.user,
    before: effectsA,
    after: effectsB,
    afterText: b.args,
  });
  if (hazard) return skip(`the RUN before it ${hazard}`);
  const classA = layerClass(effectsA, file.copies.get(first) ?? []);
  const classB = layerClass(effectsB, file.copies.get(next) ?? []);
  if (classA !== classB) {
    return skip(
      `it ${CLASS_TEXT[classB]}, while the RUN before it ${CLASS_TEXT[classA]}: merged, they would be one layer, cached and rebuilt together`,
    );
  }
  const longer = joined(ctx, chain ?? startChain(a, factsA, effectsA), b, factsB, between, isolateFirst);
  longer.effects = joinedEffects(effectsA, effectsB);
  // Reported where the RUN that joined the chain stood: the RUN it joined may itself have stayed apart from the one before.
  ctx.changed(
    {
      done: `Merged RUN at ${at(b)} into RUN at ${at(a)}`,
      planned: `Would merge RUN at ${at(b)} into RUN at ${at(a)}`,
    },
    next,
    [next],
  );
  return longer;
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
    programs: [...a.programs, ...b.programs],
    links: [...a.links, ...b.links],
    systemPackages: a.systemPackages || b.systemPackages,
    installsCommands: a.installsCommands || b.installsCommands,
    createsAccounts: [...a.createsAccounts, ...b.createsAccounts],
    changesAccounts: [...a.changesAccounts, ...b.changesAccounts],
    configuration: [...a.configuration, ...b.configuration],
    unknown: a.unknown ?? b.unknown,
    looksUp: [...a.looksUp, ...b.looksUp],
    calls: [...a.calls, ...b.calls],
    callsAfterChange: [
      ...a.callsAfterChange,
      ...(changesFiles(a) ? b.calls : b.callsAfterChange).filter((name) => !a.calls.includes(name)),
    ],
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

/** The flags of an instruction as written, sorted, space-separated. */
function writtenFlags(view: InstructionView): string {
  return view.flags
    .map((flag) => view.logical.text.slice(flag.start, flag.end))
    .sort()
    .join(' ');
}

/** The keyword and flags of an instruction, as written. */
function headOf(view: InstructionView): string {
  return print(view.node).slice(0, toLocal(view.logical, view.argsStart, 'start'));
}

/** A chain of one command: the RUN `a` alone. */
function startChain(a: InstructionView, facts: ChainFacts, effects: RunEffects): Chain {
  return {
    last: a.node,
    done: [],
    doneLogical: '',
    lastBody: {
      inline: body(a, facts.view, { cutComment: false, wrap: 'none' }),
      cut: body(a, facts.view, { cutComment: true, wrap: 'none' }),
      comment: facts.view.trailingComment?.text,
    },
    facts,
    effects,
    removed: [],
  };
}

/**
 * The chain with B joined by `&&`: the chain's last command loses its trailing comment to a comment line above it
 * (with `isolateFirst`, the whole chain goes in a subshell, and the comment below it), then the comments between, then
 * B's body (a brace group when it has a top-level `||` or `;` list).
 */
function joined(
  ctx: Context,
  chain: Chain,
  b: InstructionView,
  factsB: ChainFacts,
  between: TopNode[],
  isolateFirst: boolean,
): Chain {
  const shellB = factsB.view;
  const soFar = chain.done; // the shorter chain is not used again
  // A trailing comment goes on a line of its own above the command it was written beside.
  const comment = chain.lastBody.comment ? { kind: 'comment' as const, text: chain.lastBody.comment } : undefined;
  if (comment && !isolateFirst) soFar.push(comment);
  soFar.push({ kind: 'command', text: chain.lastBody.cut.physical });
  const soFarLogical = chain.doneLogical
    ? `${chain.doneLogical} && ${chain.lastBody.cut.logical}`
    : chain.lastBody.cut.logical;
  const done: ChainPart[] = isolateFirst
    ? [{ kind: 'command', text: `( ${printChain('', soFar, ctx.style)} )` }]
    : soFar;
  const doneLogical = isolateFirst ? `( ${soFarLogical} )` : soFarLogical;
  if (comment && isolateFirst) done.push(comment);
  for (const node of between) {
    if (node.type === 'comment') done.push({ kind: 'comment', text: print(node).trim() });
  }
  const groupB = shellB.hasTopLevelOr || shellB.hasTopLevelSequence;
  if (groupB && shellB.trailingComment) done.push({ kind: 'comment', text: shellB.trailingComment.text });
  const wrap = groupB ? 'group' : 'none';
  const inline = body(b, shellB, { cutComment: false, wrap });
  const args = `${doneLogical} && ${inline.logical}`;
  chain.removed.push(...between, b.node); // the shorter chain is not used again
  return {
    last: b.node,
    done,
    doneLogical,
    lastBody: {
      inline,
      cut: body(b, shellB, { cutComment: true, wrap }),
      comment: groupB ? undefined : shellB.trailingComment?.text,
    },
    facts: joinedFacts(chain.facts, factsB, args, isolateFirst, groupB),
    effects: chain.effects,
    removed: chain.removed,
  };
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
