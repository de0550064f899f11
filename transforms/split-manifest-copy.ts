/**
 * split-manifest-copy: `COPY . /app` then `RUN npm ci` becomes `COPY package.json package-lock.json /app/`,
 * `RUN npm ci`, `COPY . /app`, so a source edit no longer reruns the install. It reads the build context (the
 * Dockerfile's folder, or the `context` option) through its .dockerignore, copies only the manifests that are there,
 * and declines, saying why, whenever the install could need more than them.
 */
import { posix } from 'node:path';
import {
  NodeData,
  defineTransform,
  docsUrl,
  keywordIn,
  positionText,
  print,
  stages,
  type InstructionNode,
  type InstructionView,
  type PosixShellView,
  type ShellView,
  type Stage,
  type TopNode,
  type ContextOf,
} from '../src/engine/index.js';
import {
  IMAGE_WORKDIR,
  INSTALLERS,
  configLocations,
  configWrite,
  stageLineage,
  isUnder,
  cutPoints,
  cutRun,
  restText,
  commandsAfter,
  carriedState,
  cutHazard,
  freshMount,
  PLAIN_PATH,
  manifestCopies,
  copiedBefore,
  manifestsOf,
  transformBuildContext,
  CONTEXT_OPTION,
  pathScopes,
  readBroadCopy,
  readExecRun,
  readShellRun,
  runEffects,
  runScopeOf,
  runStability,
  shellFacts,
  shellsInEffect,
  type BroadCopy,
  type BuildContext,
  type ContextLookup,
  type InstallStep,
  type ManifestCopy,
  type PathScope,
  type Place,
  type RunCut,
  type RunEffects,
  type ShellFacts,
  type RunReading,
  type RunStart,
  type ShellInEffect,
} from '../src/analysis/index.js';

const options = {
  ...CONTEXT_OPTION,
  ecosystems: {
    type: 'string[]',
    default: [...INSTALLERS],
    description: `Install tools whose installs are split: ${INSTALLERS.join(', ')}.`,
  },
  stableCommands: {
    type: 'string[]',
    format: 'regex',
    default: [],
    description:
      'Regular expressions: a command (in the install RUN or between the COPY and it) whose text matches one is taken as not reading the copied files.',
  },
  splitRuns: {
    type: 'boolean',
    default: true,
    description:
      'When the install RUN goes on with commands that need the sources (`npm ci && npm run build`), cut it at the `&&` after the install (or the `;` of a list under `set -e`) and move only the install part.',
  },
} as const;

type Context = ContextOf<typeof options>;

/** What the split of one stage needs besides the context. */
interface Facts {
  lookup: ContextLookup;
  scopes: ReadonlyMap<InstructionNode, PathScope>;
  shells: ReadonlyMap<InstructionNode, ShellInEffect>;
  stableCommands: RegExp[];
}

/** Instructions that may stand between the broad COPY and the install and move above the COPY with it. */
const MOVABLE = new Set([
  'env',
  'arg',
  'label',
  'expose',
  'user',
  'workdir',
  'run',
  'stopsignal',
  'maintainer',
  'cmd',
  'entrypoint',
  'healthcheck',
]);

export default defineTransform({
  name: 'split-manifest-copy',
  description:
    'Copy the dependency manifests before a broad COPY and install from them there, so source edits stop rerunning the install.',
  url: docsUrl('transforms.md', 'split-manifest-copy'),
  defaultEnabled: true,
  meaning: 'declared',
  options,
  run(ctx) {
    const facts: Facts = {
      lookup: transformBuildContext(ctx),
      scopes: pathScopes(ctx.root),
      shells: shellsInEffect(ctx.root),
      stableCommands: ctx.options.stableCommands.map((source) => new RegExp(source)),
    };
    for (const stage of stages(ctx.root)) {
      for (const [index, view] of stage.instructions.entries()) {
        if (view.name === 'run' && trySplit(ctx, facts, stage, index)) break;
      }
    }
  },
});

/** Whether an install is a reason to split (not an auxiliary command such as `npm prune`). */
const primary = (step: InstallStep) => !step.use.options.has('auxiliary');

/** The second parts of RUNs this transform cut: they need the sources by design, so later passes leave them alone. */
const cutRests = new NodeData<true>('layerfix.split-manifest-copy.cut-rest');

/** Split the broad COPY before the install RUN at `index`; true when it did. */
function trySplit(ctx: Context, facts: Facts, stage: Stage, index: number): boolean {
  const run = stage.instructions[index];
  if (cutRests.has(run.node)) return false;
  // The cheap checks first: most RUNs have no broad COPY before them, and reading a RUN means parsing its shell.
  let copyIndex = index - 1;
  while (
    copyIndex >= 0 &&
    stage.instructions[copyIndex].name !== 'copy' &&
    stage.instructions[copyIndex].name !== 'add'
  )
    copyIndex--;
  if (copyIndex < 0) return false;
  const copyView = stage.instructions[copyIndex];
  const context = 'context' in facts.lookup ? facts.lookup.context : undefined;
  context?.watchDoubts();
  const read = readBroadCopy(copyView, facts.scopes.get(copyView.node), context);
  if (!read || !ctx.enabledFor(run.node) || !ctx.enabledFor(copyView.node)) return false;
  const reading = readRun(ctx, facts, run);
  if (!reading || (!reading.installs.some(primary) && !reading.installLike)) return false;
  const at = (view: InstructionView) => positionText(ctx.edit.originOf(view.node));
  const skip = (reason: string) => {
    ctx.skipped(
      `Kept RUN at ${at(run)} after the ${copyView.keyword.toUpperCase()} at ${at(copyView)}: ${reason}`,
      run.node,
    );
    return false;
  };
  if ('reason' in read) return skip(read.reason);
  const os = shellFacts(ctx.root).get(run.node)?.os;
  if (os?.os === 'unknown') return skip(`layerfix cannot tell which shell runs it: ${os.reason}`);
  const copy = read.copy;
  const between = stage.instructions.slice(copyIndex + 1, index);
  const writeBack = copy.absolute ? undefined : copyWorkdir(facts, stage, copy);
  for (const view of between) {
    const why = betweenProblem(ctx, facts, view, copy, writeBack);
    if (why) return skip(`the ${view.keyword.toUpperCase()} at ${at(view)} stands between them and ${why}`);
  }
  let install = reading;
  let cut: RunCut | undefined;
  const problem = reading.problem ?? unstableCommand(ctx, facts, run, reading, copy);
  if (problem) {
    const found = ctx.options.splitRuns ? findCut(ctx, facts, run, copy) : undefined;
    if (!found || 'why' in found) return skip(`it ${problem}${found ? `, and ${found.why}` : ''}`);
    ({ reading: install, cut } = found);
  }
  if ('reason' in facts.lookup) return skip(facts.lookup.reason);
  const history = lineageBefore(ctx, stage, copyIndex);
  const configured =
    configuredBefore(ctx, facts, history, install) ?? configWrittenBefore(ctx, facts, history, install, copy, run);
  if (configured) return skip(configured);
  const files = manifestsOf(facts.lookup.context, copy, install.installs);
  if (files === undefined) return false;
  if ('reason' in files) return skip(files.reason);
  if (!files.files.length) return skip('the build context has none of the manifests the install reads');
  const pin = corepackPin(ctx, facts, lineageBefore(ctx, stage, index + 1), install, facts.lookup.context, files.files);
  if (pin) return skip(pin);
  const made = unmadeWorkdir(ctx, facts, stage, between, copy, files.files) ?? linkedFolder(facts, copy, files.files);
  if (made) return skip(made);
  const copies = manifestCopies(files.files, copy, facts.lookup.context, ctx.style);
  if ('reason' in copies) return skip(copies.reason);
  // What the split read of the context must be what every build of it gets.
  const doubt = facts.lookup.context.doubtSeen();
  if (doubt) return skip(doubt);
  // A manifest COPY the stage already makes right before the broad one is not written again.
  const before = stage.instructions.slice(0, copyIndex);
  const sent = facts.lookup.context;
  const found = copies.map((created) => copiedBefore(created, before, copy, facts.scopes, sent));
  const added = copies.filter((_, i) => !found[i]);
  const anchor = ctx.edit.blockStart(copyView.node);
  for (const created of added) {
    const [node] = ctx.edit.insertBefore(anchor, created.physical, copyView.node);
    ctx.edit.replace(node as InstructionNode, created.physical, { line: created.logical });
  }
  const broad = `${copyView.keyword.toUpperCase()} at ${at(copyView)}`;
  const copied = added.length ? `${added.flatMap((c) => c.sources).join(', ')} before the ${broad}` : '';
  const already = alreadyCopied(copies, found, at);
  const above = copied ? `above the ${copyView.keyword.toUpperCase()}` : `above the ${broad}`;
  if (cut) {
    const [inserted] = ctx.edit.insertBefore(ctx.edit.blockStart(run.node), cut.first.physical, run.node);
    const first = ctx.edit.replace(inserted as InstructionNode, cut.first.physical, { line: cut.first.logical });
    if (cut.comments) ctx.edit.insertBefore(run.node, cut.comments);
    const rest = ctx.edit.replace(run.node, cut.rest.physical, { line: cut.rest.logical });
    cutRests.set(rest, true);
    ctx.edit.moveBefore(movedNodes(ctx, between.length ? between[0].node : first, first), anchor);
    keepWorkdirs(ctx, copy, between, writeBack);
    const moved = `the RUN at ${at(run)} after \`${cut.firstText}\``;
    ctx.changed(
      {
        done: `${copied ? `Copied ${copied}, cut` : 'Cut'} ${moved} and moved that part ${above}${already}, so source edits no longer rerun the install`,
        planned: `Would ${copied ? `copy ${copied}, cut` : 'cut'} ${moved} and move that part ${above}${already}, so source edits would no longer rerun the install`,
      },
      rest,
    );
    return true;
  }
  const text = print(run.node);
  const last = text.endsWith('\n') ? run.node : ctx.edit.replace(run.node, `${text}${ctx.style.eol}`, 'same');
  ctx.edit.moveBefore(movedNodes(ctx, between.length ? between[0].node : last, last), anchor);
  keepWorkdirs(ctx, copy, between, writeBack);
  const tools = [...new Set(reading.installs.map((step) => step.use.ecosystem))].join(', ');
  const target = copied ? 'it' : `the ${broad}`;
  ctx.changed(
    {
      done: `${copied ? `Copied ${copied} and moved` : 'Moved'} the RUN at ${at(run)} (${tools}) above ${target}${already}, so source edits no longer rerun the install`,
      planned: `Would ${copied ? `copy ${copied} and move` : 'move'} the RUN at ${at(run)} (${tools}) above ${target}${already}, so source edits would no longer rerun the install`,
    },
    last,
  );
  return true;
}

/** ` (the COPY at 3:1 already brings package.json, ...)` for the manifest copies an earlier COPY makes; '' for none. */
function alreadyCopied(
  copies: readonly ManifestCopy[],
  found: ReadonlyArray<InstructionView | undefined>,
  at: (view: InstructionView) => string,
): string {
  const earlier = [...new Set(found.filter((view) => view !== undefined))];
  if (!earlier.length) return '';
  const sources = copies.filter((_, i) => found[i]).flatMap((c) => c.sources);
  const copiers = earlier.map((view) => `the COPY at ${at(view)}`).join(' and ');
  return ` (${copiers} already ${earlier.length > 1 ? 'bring' : 'brings'} ${sources.join(', ')})`;
}

/**
 * The longest `&&` prefix of an install RUN that holds only its installs and commands that leave the copy alone; `why`
 * when the only such prefixes leave shell state that the rest of the RUN would lose.
 */
function findCut(
  ctx: Context,
  facts: Facts,
  run: InstructionView,
  copy: BroadCopy,
): { reading: RunReading; cut: RunCut } | { why: string } | undefined {
  if (run.form !== 'shell') return undefined;
  // Each part of a cut would get its own tmpfs or writable bind mount: the rest would not see what the install put there.
  const fresh = run.flags.find(freshMount);
  if (fresh)
    return { why: `each part of a cut would get its own \`${fresh.text}\`, losing what the install puts there` };
  const options = { shell: facts.shells.get(run.node) ?? null };
  const shell = ctx.shellView(run.args, options);
  if (!shell.posix || shell.errors.length) return undefined;
  const enabled = new Set(ctx.options.ecosystems);
  const start = startOf(facts, run);
  let why: string | undefined;
  for (const index of cutPoints(shell).reverse()) {
    const prefix = ctx.shellView(shell.text.slice(0, shell.lists[index].end), options);
    const reading = readShellRun(prefix, start, (tool) => enabled.has(tool));
    if (!reading.installs.some(primary) || reading.problem || unstableCommand(ctx, facts, run, reading, copy)) continue;
    const lead = carriedState(prefix, { cwd: start.workdir, env: start.env }, commandsAfter(shell, index));
    if (typeof lead === 'string') {
      const hazard = cutHazard(...cutEffects(ctx, facts, run, shell, index, lead));
      if (!hazard) return { reading, cut: cutRun(run, shell, index, ctx.style, lead) };
      why ??= `cutting the RUN after \`${prefix.text}\` would change what the rest does (${hazard})`;
      continue;
    }
    why ??= `cutting the RUN after \`${prefix.text}\` would lose shell state the rest may rely on (that part ${lead.reason})`;
  }
  return why ? { why } : undefined;
}

/** The effects of both parts of a RUN cut after item `index`, and what each start of its shell runs, for cutHazard. */
function cutEffects(
  ctx: Context,
  facts: Facts,
  run: InstructionView,
  shell: ShellView,
  index: number,
  lead: string,
): [RunEffects, RunEffects, ShellFacts | undefined] {
  const options = { shell: facts.shells.get(run.node) ?? null };
  const scope = runScopeOf(facts.scopes.get(run.node));
  const part = (text: string) => runEffects(ctx.shellView(text, options) as PosixShellView, scope);
  return [
    part(shell.text.slice(0, shell.lists[index].end)),
    part(restText(shell, index, lead)),
    shellFacts(ctx.root).get(run.node),
  ];
}

/** The installs, harmless and unknown commands of a RUN; undefined when it cannot be read. */
function readRun(ctx: Context, facts: Facts, run: InstructionView): RunReading | undefined {
  if (run.heredocs.length) return undefined;
  const enabled = new Set(ctx.options.ecosystems);
  const filter = (tool: string) => enabled.has(tool);
  const start = startOf(facts, run);
  if (run.form === 'exec')
    return start.workdir === undefined ? undefined : readExecRun(run, { ...start, workdir: start.workdir }, filter);
  return readShellRun(ctx.shellView(run.args, { shell: facts.shells.get(run.node) ?? null }), start, filter);
}

/**
 * Why an install may read configuration a RUN before the COPY (in its stage or a stage it is built on) wrote with the
 * install's own tool (`go env -w GOFLAGS=-modfile=...`, `composer config --global optimize-autoloader true`), which
 * layerfix does not follow.
 */
function configuredBefore(
  ctx: Context,
  facts: Facts,
  before: readonly InstructionView[],
  install: RunReading,
): string | undefined {
  const used = new Set(install.installs.map((step) => step.ecosystem.name));
  for (const view of before) {
    const found = view.name === 'run' ? readRun(ctx, facts, view)?.configures : undefined;
    if (found && used.has(found.ecosystem))
      return `the RUN at ${positionText(ctx.edit.originOf(view.node))} ${found.reason}`;
  }
  return undefined;
}

/**
 * Why an install may read configuration an instruction before the COPY wrote where the install's tool looks for it
 * (`COPY pip.conf /etc/pip.conf`, `RUN printf ... > /root/.npmrc`): layerfix does not read it, and it may point the
 * install at the sources. A location the COPY itself brings a file to is the project's, read from the context.
 */
function configWrittenBefore(
  ctx: Context,
  facts: Facts,
  before: readonly InstructionView[],
  install: RunReading,
  copy: BroadCopy,
  run: InstructionView,
): string | undefined {
  const start = startOf(facts, run);
  const context = 'context' in facts.lookup ? facts.lookup.context : undefined;
  for (const step of install.installs) {
    const tool = step.use.ecosystem;
    const home = step.homeUnknown ? undefined : (start.env.get('HOME') ?? start.home);
    const locations = configLocations(tool, start.env, home, step.cwd).filter((path) => !brings(copy, context, path));
    for (const view of before) {
      const write = configWrite(view, locations, facts.scopes.get(view.node), context, (other) =>
        knownWrites(ctx, facts, other),
      );
      if (!write) continue;
      const by = `the ${view.keyword.toUpperCase()} at ${positionText(ctx.edit.originOf(view.node))}`;
      return 'unknown' in write
        ? `${by} ${write.unknown}, so it may have written configuration ${tool} reads`
        : `${by} writes ${showLocation(write.location)}, configuration ${tool} reads, which layerfix does not read and which may point the install at what the COPY brings`;
    }
  }
  return undefined;
}

/** How a message names a configuration location (`**` and a path: that path in a home folder layerfix cannot tell). */
function showLocation(location: string): string {
  return location.startsWith('**/')
    ? `${location.slice(3)} (in a home folder, and layerfix cannot tell the install's)`
    : location;
}

/** Whether a broad COPY brings a file of the build context to `path` (a location with a `*` is never one). */
function brings(copy: BroadCopy, context: BuildContext | undefined, path: string): boolean {
  if (path.includes('*') || !isUnder(path, copy.dest) || !context) return false;
  return context.has(posix.join(copy.source, posix.relative(copy.dest, path)));
}

/** The places a RUN writes, or why layerfix cannot tell them (exec form, a heredoc, a shell or a command it cannot read). */
function knownWrites(ctx: Context, facts: Facts, run: InstructionView): readonly Place[] | { unknown: string } {
  if (run.form === 'exec') return { unknown: 'runs a program in exec form, whose writes layerfix cannot tell' };
  if (run.heredocs.length) return { unknown: 'runs a heredoc, whose writes layerfix does not read' };
  const shell = ctx.shellView(run.args, { shell: facts.shells.get(run.node) ?? null });
  if (!shell.posix) return { unknown: `runs under a shell that is not POSIX (${shell.reason})` };
  const effects = runEffects(shell, runScopeOf(facts.scopes.get(run.node)));
  return effects.unknown ? { unknown: effects.unknown.reason } : effects.writes;
}

/**
 * The instructions an image runs before the one at `index` of `stage`: those of the stages it is built on, farthest
 * first, then its own.
 */
function lineageBefore(ctx: Context, stage: Stage, index: number): InstructionView[] {
  const [, ...bases] = stageLineage(ctx.root, stage).stages;
  return [...bases.reverse().flatMap((base) => base.instructions), ...stage.instructions.slice(0, index)];
}

/**
 * Why a Yarn or pnpm install may write package.json, if it may: after `corepack enable`, corepack's shims add the
 * `packageManager` field to a package.json that has none (unless COREPACK_ENABLE_AUTO_PIN=0), and the COPY after the
 * split would put the old package.json back.
 */
function corepackPin(
  ctx: Context,
  facts: Facts,
  upToInstall: readonly InstructionView[],
  install: RunReading,
  context: BuildContext,
  files: readonly string[],
): string | undefined {
  const step = install.installs.find((s) => s.use.ecosystem === 'yarn' || s.use.ecosystem === 'pnpm');
  if (!step || facts.scopes.get(upToInstall[upToInstall.length - 1].node)?.env.get('COREPACK_ENABLE_AUTO_PIN') === '0')
    return undefined;
  const enabled = upToInstall.some(
    (view) =>
      view.name === 'run' &&
      view.form === 'shell' &&
      ctx
        .shellView(view.args, { shell: facts.shells.get(view.node) ?? null })
        .commands.some((command) => command.name?.value === 'corepack' && command.args[0]?.value === 'enable'),
  );
  // Corepack pins the package.json of the project it runs in: the shallowest one copied, not the workspaces'.
  const [project] = files
    .filter((file) => posix.basename(file) === 'package.json')
    .sort((a, b) => a.split('/').length - b.split('/').length);
  const unpinned = project && !/"packageManager"\s*:/.test(context.read(project) ?? '') ? project : undefined;
  return enabled && unpinned
    ? `corepack's ${step.use.ecosystem} writes the packageManager field into ${unpinned}, which has none (set COREPACK_ENABLE_AUTO_PIN=0), and the COPY would then put the old one back`
    : undefined;
}

/** Where a RUN starts: the working directory and the variables in effect before it. */
function startOf(facts: Facts, run: InstructionView): RunStart {
  const scope = facts.scopes.get(run.node);
  return { workdir: scope?.workdir, env: scope?.env ?? new Map(), home: scope?.home };
}

/** Why an instruction between the broad COPY and the install cannot move above the COPY, if it cannot. */
function betweenProblem(
  ctx: Context,
  facts: Facts,
  view: InstructionView,
  copy: BroadCopy,
  writeBack: string | undefined,
): string | undefined {
  if (!MOVABLE.has(view.name)) return 'layerfix does not move it';
  if (!ctx.enabledFor(view.node)) return 'a disable comment keeps it in place';
  if (view.name === 'env' || view.name === 'arg') {
    const used = copy.view.logical.text;
    const clash = (view.pairs ?? []).find((pair) =>
      new RegExp(`\\$\\{?${pair.key.replace(/[^A-Za-z0-9_]/g, '\\$&')}\\b`).test(used),
    );
    return clash ? `sets ${clash.key}, which the COPY uses` : undefined;
  }
  if (view.name === 'workdir') {
    // A variable's value may change in the instructions that move with it, or come from a build argument.
    if (plainFolder(view.args) === undefined)
      return 'has a variable, quotes or escapes, so where it leads may differ above the COPY or in another build';
    return copy.absolute || writeBack !== undefined
      ? undefined
      : 'would change where the COPY writes, as its destination is relative to a working directory layerfix cannot write back';
  }
  if (view.name !== 'run') return undefined;
  if (view.form === 'exec') return 'is in exec form, whose program is not known to leave the copied files alone';
  if (view.heredocs.length) return 'has a heredoc';
  const shell = ctx.shellView(view.args, { shell: facts.shells.get(view.node) ?? null });
  if (!shell.posix) return `runs under a shell that is not POSIX (${shell.reason})`;
  const reading = readShellRun(shell, startOf(facts, view), () => true);
  if (reading.installs.length) return 'installs dependencies itself, from files the COPY brings';
  const problem = reading.problem ?? unstableCommand(ctx, facts, view, reading, copy);
  return problem ? `it ${problem}` : undefined;
}

/** The first command of a RUN that no ecosystem knows and that may read or write what the COPY brings, if any. */
function unstableCommand(
  ctx: Context,
  facts: Facts,
  run: InstructionView,
  reading: RunReading,
  copy: BroadCopy,
): string | undefined {
  if (!reading.others.length) return undefined;
  if (run.form === 'exec') return 'runs a program in exec form that is not known to leave the copied files alone';
  const shell = ctx.shellView(run.args, { shell: facts.shells.get(run.node) ?? null });
  if (!shell.posix) return `runs under a shell that is not POSIX (${shell.reason})`;
  const scope = facts.scopes.get(run.node);
  for (const other of reading.others) {
    const workdir = other.cwd.startsWith('/') ? other.cwd : undefined;
    const result = runStability(
      { ...shell, hazards: [], errors: [], commands: [other.command] },
      { destination: copy.dest, run: { ...runScopeOf(scope), cwd: workdir }, stableCommands: facts.stableCommands },
    );
    if (!result.stable) return result.reason;
  }
  return undefined;
}

/**
 * Why a WORKDIR moving above the broad COPY would make a folder there that the COPY then fills, if one would: the COPY
 * would write into a folder the WORKDIR made (owned by the USER) instead of making it itself. Folders the manifest
 * COPYs make first, the COPY's own working directory and destination with the folders above them, and folders the
 * COPY brings nothing into are fine.
 */
function unmadeWorkdir(
  ctx: Context,
  facts: Facts,
  stage: Stage,
  moved: readonly InstructionView[],
  copy: BroadCopy,
  files: readonly string[],
): string | undefined {
  if (!('context' in facts.lookup)) return undefined;
  const context = facts.lookup.context;
  const made = new Set<string>();
  const withParents = (path: string) => {
    for (let folder = path; !made.has(folder); folder = posix.dirname(folder)) made.add(folder);
  };
  const copyDir = facts.scopes.get(copy.view.node)?.workdir;
  if (copyDir?.startsWith('/')) withParents(copyDir);
  withParents(copy.dest);
  for (const file of files) {
    const inImage = posix.join(copy.dest, copy.source ? posix.relative(copy.source, file) : file);
    withParents(context.isDirectory(file) ? inImage : posix.dirname(inImage));
  }
  for (const view of moved) {
    if (view.name !== 'workdir') continue;
    const at = positionText(ctx.edit.originOf(view.node));
    const next = stage.instructions[stage.instructions.indexOf(view) + 1];
    const workdir = next && facts.scopes.get(next.node)?.workdir;
    if (!workdir?.startsWith('/') || workdir.startsWith(IMAGE_WORKDIR))
      return `the WORKDIR at ${at} would move above the COPY, and layerfix cannot tell the folder it makes`;
    // Each folder the WORKDIR makes below the COPY's destination that the COPY also brings from the build context.
    for (let folder = posix.normalize(workdir); isUnder(folder, copy.dest) && folder !== copy.dest;) {
      const source = posix.join(copy.source, posix.relative(copy.dest, folder));
      if (!made.has(folder) && context.mayBring(source))
        return `the WORKDIR at ${at} would make ${folder} before the COPY, which brings \`${source}\` there, into a folder it did not make`;
      folder = posix.dirname(folder);
    }
  }
  return undefined;
}

/**
 * A folder on the way from the COPY's source to a manifest that is a symbolic link in the build context, if one is:
 * the manifest COPY makes a real folder there, the install writes into it, and the broad COPY then puts the link in
 * its place (or fails to).
 */
function linkedFolder(facts: Facts, copy: BroadCopy, files: readonly string[]): string | undefined {
  if (!('context' in facts.lookup)) return undefined;
  const context = facts.lookup.context;
  for (const file of files) {
    const below = copy.source ? posix.relative(copy.source, file) : file;
    const parts = below.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const folder = posix.join(copy.source, ...parts.slice(0, i));
      if (context.isLink(folder))
        return `\`${folder}\` in the build context is a symbolic link, which the COPY brings as a link where the manifest COPY would make a folder`;
    }
  }
  return undefined;
}

/** The folder a WORKDIR names when written plainly (`/src/Web`, `"/src/Web"`), else undefined. */
function plainFolder(text: string): string | undefined {
  const path = /^(["'])(.*)\1$/.exec(text.trim())?.[2] ?? text.trim();
  return PLAIN_PATH.test(path) ? path : undefined;
}

/**
 * The working directory of a broad COPY with a relative destination, when layerfix can write it back as a WORKDIR:
 * the stage sets it itself, with an absolute WORKDIR and only plain ones after it, so no build argument, base image
 * or parent stage can make it another folder.
 */
function copyWorkdir(facts: Facts, stage: Stage, copy: BroadCopy): string | undefined {
  const before = stage.instructions.slice(0, stage.instructions.indexOf(copy.view));
  const workdirs = before.filter((view) => view.name === 'workdir').map((view) => plainFolder(view.args));
  const start = workdirs.map((path) => path?.startsWith('/') === true).lastIndexOf(true);
  if (start < 0 || !workdirs.slice(start).every((path) => path !== undefined)) return undefined;
  const workdir = facts.scopes.get(copy.view.node)?.workdir;
  return workdir?.startsWith('/') && !workdir.startsWith(IMAGE_WORKDIR) && PLAIN_PATH.test(workdir)
    ? workdir
    : undefined;
}

/**
 * After WORKDIRs moved above a broad COPY whose destination is relative: a WORKDIR of the COPY's own folder before it,
 * so it writes where it did, and the moved WORKDIRs again after it, so what follows runs where it did.
 */
function keepWorkdirs(
  ctx: Context,
  copy: BroadCopy,
  moved: readonly InstructionView[],
  writeBack: string | undefined,
): void {
  const workdirs = moved.filter((view) => view.name === 'workdir');
  if (copy.absolute || !workdirs.length || writeBack === undefined) return;
  const copyNode = copy.view.node;
  const back = `${keywordIn(ctx.style, 'WORKDIR')} ${writeBack}${ctx.style.eol}`;
  const [restored] = ctx.edit.insertBefore(ctx.edit.blockStart(copyNode), back);
  ctx.edit.replace(restored as InstructionNode, back, { line: back.trimEnd() });
  const texts = workdirs.map((view) => print(view.node).replace(/(?<!\n)$/, ctx.style.eol));
  const again = ctx.edit.insertBefore(ctx.edit.blockStart(copyNode), texts.join(''));
  ctx.edit.moveBefore(again, ctx.root.children[ctx.edit.indexOf(copyNode) + 1]);
}

/**
 * The nodes that move above the broad COPY: everything from the first mover's block (its attached comments) to the
 * install RUN, then the blank lines that stood before that block, so the layout around the COPY stays as it was.
 */
function movedNodes(ctx: Context, first: InstructionNode, last: InstructionNode): TopNode[] {
  const children = ctx.root.children;
  const start = children.indexOf(ctx.edit.blockStart(first));
  let gapStart = start;
  while (gapStart > 0 && children[gapStart - 1].type === 'blank') gapStart--;
  return [...children.slice(start, children.indexOf(last) + 1), ...children.slice(gapStart, start)];
}
