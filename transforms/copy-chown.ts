/**
 * copy-chown: `COPY . /app` followed by `RUN chown -R app:app /app` stores the copied tree twice, once as copied and
 * once more as chowned. `COPY --chown=app:app . /app` stores it once. It rewrites only when the two provably build the
 * same files with the same owners: the COPY makes the destination (it is new, straight under `/`, on an official base
 * image, and nothing before it in the stage or its parents wrote there), the chown is recursive and names exactly that
 * folder and an owner with its group, nothing between the two touches the folder or the accounts, the chown runs as
 * root, and the copied folder of the build context holds no symbolic link, setuid or setgid entry (chown treats them
 * apart: it clears setuid and setgid bits, which --chown keeps).
 */
import { posix } from 'node:path';
import {
  defineTransform,
  docsUrl,
  instructionView,
  positionText,
  print,
  stages,
  toLocal,
  type ContextOf,
  type InstructionNode,
  type InstructionView,
  type PosixShellView,
  type ShellCommand,
  type ShellWord,
  type Stage,
  type TopNode,
} from '../src/engine/index.js';
import {
  expandPath,
  IMAGE_WORKDIR,
  imageWorkdir,
  isUnder,
  transformBuildContext,
  CONTEXT_OPTION,
  overlaps,
  pathScopes,
  readBroadCopy,
  runEffects,
  runScopeOf,
  runStability,
  shellFacts,
  shellsInEffect,
  stageLineage,
  type BroadCopy,
  type ContextLookup,
  type PathScope,
  type ShellInEffect,
} from '../src/analysis/index.js';

const options = {
  ...CONTEXT_OPTION,
} as const;

type Context = ContextOf<typeof options>;

/** What every candidate of a file needs. */
interface Facts {
  lookup: ContextLookup;
  scopes: ReadonlyMap<InstructionNode, PathScope>;
  shells: ReadonlyMap<InstructionNode, ShellInEffect>;
}

/** The names of chown as a program (a wrapper or function of another name is not read). */
const CHOWN = new Set(['chown', '/bin/chown', '/usr/bin/chown']);

/** chown options that change nothing but its output: `-v`, `-c`, `-f`. */
const QUIET_SHORT = new Set(['v', 'c', 'f']);
const QUIET_LONG = new Set(['--verbose', '--changes', '--silent', '--quiet', '--recursive']);

/**
 * Folders at the root of the official images layerfix knows (the Filesystem Hierarchy Standard's, merged-/usr
 * markers, and the ones official images add: golang's /go, redis's and mongo's /data, the entrypoint folders): a COPY
 * into any of these may meet files the image already has there.
 */
const IMAGE_ROOT_FOLDERS = new Set([
  'bin',
  'boot',
  'dev',
  'etc',
  'home',
  'lib',
  'lib32',
  'lib64',
  'libx32',
  'media',
  'mnt',
  'opt',
  'proc',
  'root',
  'run',
  'sbin',
  'srv',
  'sys',
  'tmp',
  'usr',
  'var',
  'afs',
  'bin.usr-is-merged',
  'lib.usr-is-merged',
  'sbin.usr-is-merged',
  'go',
  'data',
  'certs',
  'docker-entrypoint.d',
  'docker-entrypoint-initdb.d',
]);

/** Instructions that may stand between the COPY and the chown without touching files. */
const METADATA = new Set([
  'env',
  'arg',
  'label',
  'expose',
  'stopsignal',
  'maintainer',
  'cmd',
  'entrypoint',
  'healthcheck',
  'shell',
  'onbuild',
  'user',
]);

/** The account files `--chown` and chown read names from. */
const ACCOUNT_FILES = ['/etc/passwd', '/etc/group', '/etc/nsswitch.conf'];

export default defineTransform({
  name: 'copy-chown',
  description:
    'Give a COPY of a build-context folder its owner with --chown instead of a later `RUN chown -R` over it, so the copied files are stored once, not twice. Off by default: it rests on what official base images hold at their root, and it cannot read the extended attributes (file capabilities) of the build context, which chown clears.',
  url: docsUrl('transforms.md', 'copy-chown'),
  defaultEnabled: false,
  meaning: 'declared',
  options,
  run(ctx) {
    if (!/\bchown\b/.test(ctx.root.children.map((node) => (node.type === 'instruction' ? print(node) : '')).join('')))
      return;
    const facts: Facts = {
      lookup: transformBuildContext(ctx),
      scopes: pathScopes(ctx.root),
      shells: shellsInEffect(ctx.root),
    };
    // One rewrite per pass: the engine runs passes to a fixed point, and each pass reads the tree afresh.
    for (const stage of stages(ctx.root)) {
      for (const [index, view] of stage.instructions.entries()) {
        if (view.name === 'run' && /\bchown\b/.test(view.args) && tryRun(ctx, facts, stage, index)) return;
      }
    }
  },
});

/** A `chown` command read: its owner word, whether it recurses, and its operands as image paths. */
interface Chown {
  command: ShellCommand;
  owner: ShellWord;
  /** The operand words as written. */
  operands: ShellWord[];
  recursive: boolean;
  /** The operands as absolute paths; undefined for one whose value layerfix cannot tell. */
  targets: Array<string | undefined>;
  /** Why its options rule out a rewrite, if they do. */
  problem?: string;
}

/** Read a chown command; undefined when it has no owner and operand. */
function readChown(command: ShellCommand, scope: PathScope | undefined): Chown | undefined {
  const words: ShellWord[] = [];
  let recursive = false;
  let problem: string | undefined;
  let options = true;
  for (const word of command.args) {
    const value = word.value;
    if (options && value === '--') {
      options = false;
      continue;
    }
    if (options && value !== null && value.startsWith('-') && value !== '-') {
      if (value === '-R' || value === '--recursive') recursive = true;
      if (value.startsWith('--')) {
        if (!QUIET_LONG.has(value)) problem ??= `has the option \`${value}\``;
        continue;
      }
      for (const letter of value.slice(1)) {
        if (letter === 'R') recursive = true;
        else if (!QUIET_SHORT.has(letter)) problem ??= `has the option \`-${letter}\``;
      }
      continue;
    }
    words.push(word);
  }
  if (words.length < 2) return undefined;
  const [owner, ...operands] = words;
  const env = scope?.env ?? new Map<string, string | undefined>();
  const cwd = scope?.workdir;
  const targets = operands.map((word) => {
    const value = wordValue(word, env);
    if (value === undefined || value === '' || /[*?[{~]/.test(value)) return undefined;
    if (value.startsWith('/')) return posix.resolve(value);
    return cwd === undefined || cwd.startsWith(IMAGE_WORKDIR) ? undefined : posix.resolve(cwd, value);
  });
  return { command, owner, operands, recursive, targets, ...(problem ? { problem } : {}) };
}

/** A word's value, with `$NAME`/`${NAME}` (bare or in double quotes) replaced by known values; undefined when unknown. */
function wordValue(word: ShellWord, env: ReadonlyMap<string, string | undefined>): string | undefined {
  return word.value ?? expandPath(/^"([^"\\`]*)"$/.exec(word.text)?.[1] ?? word.text, env);
}

/**
 * The first variable a text uses whose value a build can choose: one that a build argument sets, or an ENV sets from
 * another variable (a fact read from the file's defaults would not hold for such a build).
 */
function buildChosen(ctx: Context, text: string): string | undefined {
  const names = [...text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]);
  if (!names.length) return undefined;
  const views = ctx.root.children
    .filter((node): node is InstructionNode => node.type === 'instruction')
    .map((node) => instructionView(node, ctx.root.data.escape));
  return names.find((name) =>
    views.some(
      (view) =>
        (view.name === 'arg' || view.name === 'env') &&
        (view.pairs ?? []).some((pair) => pair.key === name && (view.name === 'arg' || /\$/.test(pair.value ?? ''))),
    ),
  );
}

/** The destination of a COPY/ADD as written. */
function copyDestinationText(view: InstructionView): string | undefined {
  const words = view.form === 'exec' ? (view.exec ?? []) : view.buildkit.next;
  const last = words[words.length - 1];
  return typeof last === 'string' ? last : undefined;
}

/** The destination of a COPY/ADD as an absolute image path, or undefined when it cannot be told. */
function copyDestination(view: InstructionView, scope: PathScope | undefined): string | undefined {
  if (view.heredocs.length) return undefined;
  const last = copyDestinationText(view);
  if (last === undefined) return undefined;
  const expanded = expandPath(last, scope?.env ?? new Map());
  if (expanded === undefined) return undefined;
  if (expanded.startsWith('/')) return posix.resolve(expanded);
  const workdir = scope?.workdir;
  return workdir === undefined || workdir.startsWith(IMAGE_WORKDIR) ? undefined : posix.resolve(workdir, expanded);
}

/** Rewrite the first chown of the RUN at `index` that follows a COPY of its folder; true when it did. */
function tryRun(ctx: Context, facts: Facts, stage: Stage, index: number): boolean {
  const run = stage.instructions[index];
  if (run.form !== 'shell' || run.heredocs.length) return false;
  const shell = ctx.shellView(run.args, { shell: facts.shells.get(run.node) ?? null });
  if (!shell.posix) {
    ctx.skipped(
      `Kept the RUN at ${positionText(ctx.edit.originOf(run.node))}: it runs under a shell that is not POSIX (${shell.reason}), whose chown layerfix does not read`,
      run.node,
    );
    return false;
  }
  const runScope = facts.scopes.get(run.node);
  for (const command of shell.commands) {
    if (!CHOWN.has(command.name?.value ?? '')) continue;
    const chown = readChown(command, runScope);
    if (!chown) continue;
    // The nearest COPY or ADD before the RUN that writes where the chown changes owners.
    let copyIndex = index - 1;
    let dest: string | undefined;
    for (; copyIndex >= 0; copyIndex--) {
      const view = stage.instructions[copyIndex];
      if (view.name !== 'copy' && view.name !== 'add') continue;
      dest = copyDestination(view, facts.scopes.get(view.node));
      if (dest === undefined) continue;
      const written = dest;
      if (
        chown.targets.some(
          (target) => target !== undefined && overlaps({ path: target, tree: true }, { path: written, tree: true }),
        )
      )
        break;
    }
    if (copyIndex < 0 || dest === undefined) continue;
    const copyView = stage.instructions[copyIndex];
    if (!ctx.enabledFor(run.node) || !ctx.enabledFor(copyView.node)) return false;
    // What this transform leaves after a WORKDIR: a COPY with --chown, then a chown of its folder alone.
    const owned = copyView.flags.some((flag) => flag.name === 'chown');
    if (owned && !chown.recursive && chown.targets.length === 1 && chown.targets[0] === dest) continue;
    const at = (view: InstructionView) => positionText(ctx.edit.originOf(view.node));
    const keyword = copyView.keyword.toUpperCase();
    const skip = (reason: string) => {
      ctx.skipped(
        `Kept \`${command.text}\` in the RUN at ${at(run)} after the ${keyword} at ${at(copyView)}: ${reason}`,
        run.node,
      );
      return false;
    };
    const plan = planOf(ctx, facts, stage, copyIndex, index, shell, chown, dest);
    if ('reason' in plan) return skip(plan.reason);
    return rewrite(ctx, stage, copyIndex, index, shell, chown, plan);
  }
  return false;
}

/**
 * How the chown becomes the COPY's --chown: the owner to write, and whether a WORKDIR made the destination before the
 * COPY (then a chown of that folder alone stays, as --chown leaves a folder that is there as it is); or why it cannot.
 */
interface Plan {
  owner: string;
  /** The destination was made by a WORKDIR, so `chown owner folder` (not recursive) stays for the folder itself. */
  made: boolean;
}

/** The plan for the chown, or why it cannot become the COPY's --chown. */
function planOf(
  ctx: Context,
  facts: Facts,
  stage: Stage,
  copyIndex: number,
  runIndex: number,
  shell: PosixShellView,
  chown: Chown,
  dest: string,
): Plan | { reason: string } {
  const found = { made: false };
  const reason = problemOf(ctx, facts, stage, copyIndex, runIndex, shell, chown, dest, found);
  if (reason) return { reason };
  const run = stage.instructions[runIndex];
  const owner = ownerOf(chown.owner, facts.scopes.get(run.node), facts.scopes.get(stage.instructions[copyIndex].node));
  return 'reason' in owner ? owner : { owner: owner.text, made: found.made };
}

/** Why the chown cannot become the COPY's --chown, or undefined when it provably can (`found.made`: see Plan). */
function problemOf(
  ctx: Context,
  facts: Facts,
  stage: Stage,
  copyIndex: number,
  runIndex: number,
  shell: PosixShellView,
  chown: Chown,
  dest: string,
  found: { made: boolean },
): string | undefined {
  const copyView = stage.instructions[copyIndex];
  const run = stage.instructions[runIndex];
  const keyword = copyView.keyword.toUpperCase();
  const at = (view: InstructionView) => positionText(ctx.edit.originOf(view.node));
  const os = shellFacts(ctx.root).get(run.node)?.os;
  if (os?.os !== 'linux')
    return os?.os === 'windows'
      ? 'the stage runs Windows'
      : `layerfix cannot tell the stage runs Linux (${os?.reason ?? 'unknown base'})`;
  // The chown itself.
  if (chown.targets.length !== 1 || chown.targets[0] === undefined)
    return chown.targets.length === 1
      ? `layerfix cannot tell which folder \`${chown.operands[0]?.text}\` names`
      : 'it changes the owner of several paths';
  const target = chown.targets[0];
  if (target !== dest)
    return isUnder(target, dest)
      ? `it changes the owner of ${target}, a part of ${dest} where the ${keyword} writes; --chown would change all of it`
      : `it changes the owner of ${target}, which holds more than ${dest} where the ${keyword} writes`;
  const chosen =
    buildChosen(ctx, chown.operands[0]?.text ?? '') ?? buildChosen(ctx, copyDestinationText(copyView) ?? '');
  if (chosen)
    return `the folder depends on \`${chosen}\`, which a build argument can set to a folder layerfix did not check`;
  if (!chown.recursive)
    return `it is not recursive (no -R), so it changes only the folder ${dest} itself, while --chown would change every copied file`;
  if (chown.problem) return `it ${chown.problem}, which --chown has no counterpart for`;
  const owner = ownerOf(chown.owner, facts.scopes.get(run.node), facts.scopes.get(copyView.node));
  if ('reason' in owner) return owner.reason;
  if (!chown.command.topLevel || chown.command.context.length || chown.command.redirects.length)
    return 'it runs inside a compound command, a pipeline or with a redirection, so it cannot be taken out alone';
  if (run.flags.some((flag) => flag.name === 'mount'))
    return 'the RUN mounts a folder, which may cover the copied files it changes';
  // The COPY.
  if (copyView.flags.length)
    return `the ${keyword} has the flag --${copyView.flags[0].name}, and layerfix only adds --chown to a plain ${keyword}`;
  const context = 'context' in facts.lookup ? facts.lookup.context : undefined;
  const read = readBroadCopy(copyView, facts.scopes.get(copyView.node), context);
  if (!read)
    return `the ${keyword} does not copy one folder of the build context (it copies files, several sources, or from a stage or URL)`;
  if ('reason' in read) return read.reason;
  if ('reason' in facts.lookup) return `the copied files cannot be checked: ${facts.lookup.reason}`;
  const special = facts.lookup.context.specialEntry(read.copy.source);
  if (special === 'limit') return 'the copied folder holds too many entries for layerfix to check';
  if (special)
    return `the copied folder holds \`${special.path}\`, ${special.what}, which chown -R and --chown may treat differently`;
  const place = destinationProblem(ctx, facts, stage, copyIndex, read.copy, dest, found);
  if (place) return place;
  // Between the COPY and the RUN.
  for (const view of stage.instructions.slice(copyIndex + 1, runIndex)) {
    const why = betweenProblem(ctx, facts, view, dest, owner.text);
    if (why) return `the ${view.keyword.toUpperCase()} at ${at(view)} stands between them and ${why}`;
  }
  const user = userAt(ctx, facts, stage, runIndex);
  if (user !== 'root')
    return user === undefined
      ? 'layerfix cannot tell that the RUN runs as root (chown by another user fails, --chown does not)'
      : `the RUN runs as the user \`${user}\`, whose chown of root's files fails, while --chown does not`;
  // The RUN around the chown.
  return chainProblem(ctx, facts, run, shell, chown, dest, owner.text, found.made);
}

/** The owner as `user:group` for --chown, or why it cannot be one. */
function ownerOf(
  word: ShellWord,
  runScope: PathScope | undefined,
  copyScope: PathScope | undefined,
): { text: string } | { reason: string } {
  const atRun = wordValue(word, runScope?.env ?? new Map());
  if (atRun === undefined) return { reason: `layerfix cannot tell the owner \`${word.text}\` names` };
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*:[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(atRun))
    return {
      reason: atRun.includes(':')
        ? `the owner \`${atRun}\` is not a user and a group (\`user:\` and \`:group\` have no --chown counterpart)`
        : `the owner \`${atRun}\` has no group, so chown keeps each file's group while --chown gives the user's id as group`,
    };
  if (word.value !== null) return { text: atRun };
  // Variables are written as they are (BuildKit expands ENV and ARG values in --chown, build arguments included),
  // when the COPY reads the same values for them as the RUN.
  const written = /^"([^"\\`]*)"$/.exec(word.text)?.[1] ?? word.text;
  if (wordValue(word, copyScope?.env ?? new Map()) !== atRun || !/^[A-Za-z0-9_.:${}-]+$/.test(written))
    return { reason: `the owner \`${word.text}\` may have another value at the COPY than at the RUN` };
  return { text: written };
}

/**
 * Why the destination may exist before the COPY, or its parents be made by it: it must be a new folder straight
 * under `/` of an official image, and nothing before it in the stage (or the stages it is built on) may write there.
 */
function destinationProblem(
  ctx: Context,
  facts: Facts,
  stage: Stage,
  copyIndex: number,
  copy: BroadCopy,
  dest: string,
  found: { made: boolean },
): string | undefined {
  const keyword = copy.view.keyword.toUpperCase();
  if (posix.dirname(dest) !== '/')
    return `${dest} is not straight under /, so the folders above it may be there already, or be made by the ${keyword} (and --chown would give them the owner too)`;
  if (IMAGE_ROOT_FOLDERS.has(posix.basename(dest)))
    return `${dest} is a folder base images have, so it may hold files before the ${keyword}, which chown -R changes and --chown does not`;
  const chain = stageChain(ctx, stage);
  if ('reason' in chain) return chain.reason;
  const at = (view: InstructionView) => positionText(ctx.edit.originOf(view.node));
  for (const [index, link] of chain.stages.entries()) {
    const upto = index === 0 ? copyIndex : link.instructions.length;
    for (const view of link.instructions.slice(0, upto)) {
      const why = earlierProblem(ctx, facts, view, dest, index > 0);
      if (why === 'made') found.made = true;
      else if (why)
        return `the ${view.keyword.toUpperCase()} at ${at(view)} ${why}, so ${dest} may hold files before the ${keyword}, which chown -R changes and --chown does not`;
    }
  }
  return undefined;
}

/** The stage and the stages it is built on, nearest first, when the first of them is an official image. */
function stageChain(ctx: Context, stage: Stage): { stages: Stage[] } | { reason: string } {
  const { stages: chain, start } = stageLineage(ctx.root, stage);
  if ('unknown' in start) return { reason: start.unknown };
  const image = start.image;
  if (image.toLowerCase() === 'scratch' || imageWorkdir(image) === undefined || /onbuild/i.test(image))
    return {
      reason: `the base image \`${image}\` is not an official image whose folders layerfix knows, so the destination may be there already`,
    };
  return { stages: chain };
}

/**
 * Why an instruction before the COPY (in its stage, or in a stage it is built on) may write at the destination;
 * `made` for a WORKDIR that makes the destination itself.
 */
function earlierProblem(
  ctx: Context,
  facts: Facts,
  view: InstructionView,
  dest: string,
  parent: boolean,
): string | undefined {
  const scope = facts.scopes.get(view.node);
  if (view.name === 'onbuild' && parent) return 'adds a trigger that runs in the stages built on it';
  if (view.name === 'workdir') {
    const path = scope?.workdir === undefined ? undefined : expandPath(view.args, scope.env);
    if (path === undefined) return 'sets a working directory layerfix cannot tell';
    const full = posix.resolve(scope!.workdir!, path);
    // A WORKDIR of the destination itself makes it empty: only its own owner differs, and a chown of it alone stays.
    if (full === dest) return 'made';
    return isUnder(full, dest) ? `makes the folder ${full}` : undefined;
  }
  if (view.name === 'volume') return 'declares a volume';
  if (view.name === 'copy' || view.name === 'add') {
    const written = copyDestination(view, scope);
    if (written === undefined) return 'writes where layerfix cannot tell';
    if (isUnder(written, dest)) return `writes into ${written}`;
    if (!isUnder(dest, written)) return undefined;
    // A copy into a folder above the destination: only named files of the context make no folder there.
    const context = 'context' in facts.lookup ? facts.lookup.context : undefined;
    const words = (view.form === 'exec' ? (view.exec ?? []) : view.buildkit.next).slice(0, -1);
    const files =
      view.name === 'copy' &&
      !view.flags.some((flag) => flag.name === 'from' || flag.name === 'parents') &&
      context !== undefined &&
      words.every((word) => typeof word === 'string' && !/[*?[$]/.test(word) && context.isFile(word));
    if (!files) return `writes into ${written}, above ${dest}`;
    const names = words.map((word) => posix.join(written, posix.basename(word as string)));
    return names.some((name) => isUnder(name, dest)) ? `writes ${dest}` : undefined;
  }
  if (view.name !== 'run') return undefined;
  if (view.form === 'exec') return 'runs a program in exec form, whose writes layerfix cannot tell';
  if (view.heredocs.length) return 'runs a heredoc, whose writes layerfix does not read';
  const shell = ctx.shellView(view.args, { shell: facts.shells.get(view.node) ?? null });
  if (!shell.posix) return `runs under a shell that is not POSIX (${shell.reason})`;
  const stable = runStability(shell, { destination: dest, run: runScopeOf(scope), stableCommands: [] });
  return stable.stable ? undefined : stable.reason;
}

/** Why an instruction between the COPY and the chown RUN may touch the copied folder or the accounts. */
function betweenProblem(
  ctx: Context,
  facts: Facts,
  view: InstructionView,
  dest: string,
  owner: string,
): string | undefined {
  if (!ctx.enabledFor(view.node)) return 'a disable comment keeps it';
  if (METADATA.has(view.name)) return undefined;
  const scope = facts.scopes.get(view.node);
  if (view.name === 'workdir') {
    const path = scope?.workdir === undefined ? undefined : expandPath(view.args, scope.env);
    if (path === undefined) return 'sets a working directory layerfix cannot tell';
    const full = posix.resolve(scope!.workdir!, path);
    return isUnder(full, dest) && full !== dest ? `makes the folder ${full} inside the copy` : undefined;
  }
  if (view.name === 'copy' || view.name === 'add') {
    const written = copyDestination(view, scope);
    if (written === undefined) return 'writes where layerfix cannot tell';
    return isUnder(written, dest) || isUnder(dest, written) || isUnder(written, '/etc')
      ? `writes into ${written}`
      : undefined;
  }
  if (view.name !== 'run') return 'layerfix does not know what it does to the copied files';
  if (view.flags.some((flag) => flag.name === 'mount')) return 'mounts a folder, which may cover the copied files';
  if (view.form === 'exec') return 'runs a program in exec form, whose writes layerfix cannot tell';
  if (view.heredocs.length) return 'runs a heredoc, whose writes layerfix does not read';
  const shell = ctx.shellView(view.args, { shell: facts.shells.get(view.node) ?? null });
  if (!shell.posix) return `runs under a shell that is not POSIX (${shell.reason})`;
  return runProblem(shell, scope, dest, owner);
}

/** Why commands running between the COPY and the chown may read or write the copy or change the accounts. */
function runProblem(
  shell: PosixShellView,
  scope: PathScope | undefined,
  dest: string,
  owner: string,
): string | undefined {
  const run = runScopeOf(scope);
  const stable = runStability(shell, { destination: dest, run, stableCommands: [], ownership: owner });
  if (!stable.stable) return stable.reason;
  const effects = runEffects(shell, run);
  if (effects.installs.length || effects.systemPackages)
    return 'installs packages, whose scripts may create the accounts the owner names';
  const accounts = [...effects.writes, ...effects.removes].find((place) =>
    ACCOUNT_FILES.some((file) => overlaps(place, { path: file, tree: false })),
  );
  return accounts ? `writes ${accounts.path}, where the owner's names are looked up` : undefined;
}

/** The user the instruction at `index` runs as: `root`, another name, or undefined when it cannot be told. */
function userAt(ctx: Context, facts: Facts, stage: Stage, index: number): string | undefined {
  const chain = stageChain(ctx, stage);
  if ('reason' in chain) return undefined;
  for (const [position, link] of chain.stages.entries()) {
    const upto = position === 0 ? index : link.instructions.length;
    for (const view of link.instructions.slice(0, upto).reverse()) {
      if (view.name !== 'user') continue;
      const value = expandPath(view.args.trim(), facts.scopes.get(view.node)?.env ?? new Map());
      if (value === undefined) return undefined;
      return /^(root|0)(:.*)?$/.test(value) ? 'root' : value;
    }
  }
  // The official images layerfix knows run as root.
  return 'root';
}

/**
 * Why the chown cannot be taken out of its RUN: it must be the whole RUN, or the first or last element of a chain
 * joined only by `&&`; as the last element, what runs before it must leave the copied folder and the accounts alone.
 */
function chainProblem(
  ctx: Context,
  facts: Facts,
  run: InstructionView,
  shell: PosixShellView,
  chown: Chown,
  dest: string,
  owner: string,
  made: boolean,
): string | undefined {
  const lists = shell.lists;
  const item = chown.command.item;
  if (item === null || lists[item].start !== chown.command.start || lists[item].end !== chown.command.end)
    return 'it is not a command of its own in the RUN';
  if (lists.length === 1) return shell.trailingComment && !made ? 'the RUN ends with a comment about it' : undefined;
  if (shell.trailingComment && !made)
    return 'the RUN ends with a comment, which would be left on the remaining commands';
  const chained = lists.slice(0, -1).every((entry) => entry.operator?.value === '&&' && !entry.inPipeline);
  if (!chained || lists[lists.length - 1].inPipeline)
    return 'the RUN joins its commands with operators other than `&&`, so taking one out changes what runs on failure';
  if (item !== 0 && item !== lists.length - 1 && !made) return 'it stands in the middle of the RUN';
  const text = print(run.node);
  const [start, end] = item === 0 ? [lists[0].start, lists[1].start] : [lists[item - 1].end, lists[item].end];
  const removed = text.slice(
    toLocal(run.logical, run.argsStart + start, 'start'),
    toLocal(run.logical, run.argsStart + end, 'end'),
  );
  if (!made && /^[ \t]*#/m.test(removed)) return 'a comment line stands in the part of the RUN it would take out';
  const before = shell.commands.filter((command) => command.end <= chown.command.start);
  const word = chown.operands[0];
  if (before.some((command) => command.name?.value === 'cd' || command.assignments.length) && word.value === null)
    return 'commands before it in the RUN set variables or change the directory that its folder may depend on';
  if (
    before.some((command) => ['cd', 'pushd', 'popd'].includes(command.name?.value ?? '')) &&
    !word.value?.startsWith('/')
  )
    return 'commands before it in the RUN change the directory its relative folder depends on';
  if (item === 0) return undefined;
  const prefix = ctx.shellView(shell.text.slice(0, lists[item - 1].end), { shell: facts.shells.get(run.node) ?? null });
  if (!prefix.posix) return 'the commands before it cannot be read';
  const why = runProblem(prefix, facts.scopes.get(run.node), dest, owner);
  return why ? `the commands before it in the RUN may see the owners it sets: \`${prefix.text}\` ${why}` : undefined;
}

/** Add --chown to the COPY and take the chown out of its RUN (or, for a folder a WORKDIR made, its recursion). */
function rewrite(
  ctx: Context,
  stage: Stage,
  copyIndex: number,
  runIndex: number,
  shell: PosixShellView,
  chown: Chown,
  plan: Plan,
): boolean {
  const copyView = stage.instructions[copyIndex];
  const run = stage.instructions[runIndex];
  const at = (view: InstructionView) => positionText(ctx.edit.originOf(view.node));
  const keyword = copyView.keyword.toUpperCase();
  const lists = shell.lists;
  const item = chown.command.item!;
  const where = `the ${keyword} at ${at(copyView)}`;
  const what = `\`${chown.command.text}\` (the RUN at ${at(run)})`;
  let done: string;
  let planned: string;
  if (plan.made) {
    // --chown leaves the folder WORKDIR made as it was: a chown of that folder alone gives it its owner.
    const alone = `chown ${chown.owner.text} ${chown.operands[0].text}`;
    const { start, end } = chown.command;
    ctx.edit.editLogical(run.node, [{ start: run.argsStart + start, end: run.argsStart + end, text: alone }]);
    done = `Gave ${where} the owner ${plan.owner} with --chown and cut ${what} down to \`${alone}\` for the folder the WORKDIR made, so the copied files are stored in one layer, not two`;
    planned = `Would give ${where} the owner ${plan.owner} with --chown and cut ${what} down to \`${alone}\` for the folder the WORKDIR made, so the copied files would be stored in one layer, not two`;
  } else {
    if (lists.length === 1) {
      const comments = ctx.edit.attachedComments(run.node);
      const children = ctx.root.children;
      const next = children[ctx.edit.indexOf(run.node) + 1];
      const previous = children[ctx.edit.indexOf(ctx.edit.blockStart(run.node)) - 1];
      // The chown's own comments go above the COPY, which now does what they describe.
      if (comments.length) ctx.edit.moveBefore(comments, copyView.node);
      const removed: TopNode[] = [run.node];
      if (next?.type === 'blank' && previous?.type === 'blank') removed.push(next);
      ctx.edit.remove(removed);
    } else {
      const start = item === 0 ? lists[0].start : lists[item - 1].end;
      const end = item === 0 ? lists[1].start : lists[item].end;
      ctx.edit.editLogical(run.node, [{ start: run.argsStart + start, end: run.argsStart + end, text: '' }]);
    }
    done = `Gave ${where} the owner ${plan.owner} with --chown and took out ${what}, so the copied files are stored in one layer, not two`;
    planned = `Would give ${where} the owner ${plan.owner} with --chown and take out ${what}, so the copied files would be stored in one layer, not two`;
  }
  const copied = ctx.edit.addFlag(copyView.node, `--chown=${plan.owner}`);
  ctx.changed({ done, planned }, copied);
  return true;
}
