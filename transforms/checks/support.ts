/**
 * What BuildKit's build checks have in common: one transform per rule (named as the rule in kebab-case), the check
 * configuration BuildKit reads (the `# check=` directive, a `# check=` comment above an instruction, the
 * `BUILDKIT_DOCKERFILE_CHECK` build argument), the stages a build dispatches, and the way a check reports BuildKit's
 * warning or applies its fix.
 */
import { posix } from 'node:path';
import {
  defineTransform,
  docsUrl,
  instructionView,
  memoizeByTree,
  NodeData,
  stages,
  type AnyTransform,
  type InstructionView,
  type ChangeText,
  type ContextOf,
  type InstructionNode,
  type OptionSpec,
  type OptionValues,
  type Position,
  type Root,
  type Stage,
  type TransformContext,
} from '../../src/engine/index.js';
import { stageBases } from '../../src/analysis/index.js';

/** A check configuration as BuildKit reads it from `skip=...;experimental=...;error=...`. */
export interface CheckConfig {
  skipAll: boolean;
  skip: ReadonlySet<string>;
  experimentalAll: boolean;
  experimental: ReadonlySet<string>;
  /** `error=true`: a warning fails the build. */
  error: boolean;
}

const EMPTY: CheckConfig = {
  skipAll: false,
  skip: new Set(),
  experimentalAll: false,
  experimental: new Set(),
  error: false,
};

/** Go's `strconv.ParseBool`. */
const GO_BOOLS: Record<string, boolean> = {
  1: true,
  t: true,
  T: true,
  TRUE: true,
  true: true,
  True: true,
  0: false,
  f: false,
  F: false,
  FALSE: false,
  false: false,
  False: false,
};

/** A check option string read as BuildKit reads it (at most three `;` parts); undefined when BuildKit rejects it. */
function readCheckOptions(text: string): CheckConfig | undefined {
  const value = text.trim();
  if (!value) return EMPTY;
  const config = {
    skipAll: false,
    skip: new Set<string>(),
    experimentalAll: false,
    experimental: new Set<string>(),
    error: false,
  };
  const parts = value.split(';');
  for (const part of [...parts.slice(0, 2), ...(parts.length > 2 ? [parts.slice(2).join(';')] : [])]) {
    const eq = part.indexOf('=');
    if (eq < 0) return undefined;
    const key = part.slice(0, eq).trim();
    const rest = part.slice(eq + 1).trim();
    if (key === 'skip' || key === 'experimental') {
      const all = rest === 'all';
      if (key === 'skip') config.skipAll = all;
      else config.experimentalAll = all;
      if (!all)
        for (const rule of rest.split(',')) (key === 'skip' ? config.skip : config.experimental).add(rule.trim());
    } else if (key === 'error') {
      if (!(rest in GO_BOOLS)) return undefined;
      config.error = GO_BOOLS[rest];
    } else return undefined;
  }
  return config;
}

/** Two configurations together, as BuildKit merges a `# check=` comment into the file's configuration. */
function merged(base: CheckConfig, extra: CheckConfig): CheckConfig {
  return {
    skipAll: base.skipAll || extra.skipAll,
    skip: new Set([...base.skip, ...extra.skip]),
    experimentalAll: base.experimentalAll || extra.experimentalAll,
    experimental: new Set([...base.experimental, ...extra.experimental]),
    error: base.error,
  };
}

/** BuildKit's directive syntax, read from a comment's text after `#`. */
const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;

/** A directive's value up to its first space, as BuildKit reads `check` (`skip=all // why` is `skip=all`). */
const firstWord = (value: string): string => value.split(' ')[0];

/** What the checks read of a file, once per state of its tree (every check of a pass reads the same). */
export interface FileFacts {
  /** The instructions, in order. */
  views: readonly InstructionView[];
  stages: readonly Stage[];
  /** The keywords (lower-cased) the file uses. */
  names: ReadonlySet<string>;
  /**
   * The comments BuildKit attaches to each instruction (its `PrevComment`): the comment lines since the instruction
   * before, blank lines between included, an empty `#` starting over, parser directives left out; each is the line
   * after its first character, trimmed.
   */
  comments: ReadonlyMap<InstructionNode, readonly string[]>;
  /** The configuration of the first `# check=` comment above an instruction, if any (BuildKit reads no other). */
  checkComments: ReadonlyMap<InstructionNode, CheckConfig>;
}

/** The facts of a file. */
export const fileFacts: (root: Root) => FileFacts = memoizeByTree('layerfix.checks.facts', (root) => {
  const views: InstructionView[] = [];
  const comments = new Map<InstructionNode, readonly string[]>();
  const checkComments = new Map<InstructionNode, CheckConfig>();
  let above: string[] = [];
  for (const node of root.children) {
    if (node.type === 'comment') {
      // The line's text after its first character (the `#`, or the first of the spaces before it), trimmed.
      const [first, second] = node.children;
      const comment = (
        first.type === 'whitespace'
          ? first.value.slice(1) + (second?.type === 'text' ? second.value : '')
          : first.value.slice(1)
      ).trim();
      above = comment ? [...above, comment] : [];
    } else if (node.type === 'instruction') {
      views.push(instructionView(node, root.data.escape));
      comments.set(node, above);
      for (const comment of above) {
        const match = DIRECTIVE.exec(comment);
        if (match?.[1].toLowerCase() !== 'check') continue;
        const config = readCheckOptions(firstWord(match[2]));
        if (config) checkComments.set(node, config);
        break;
      }
      above = [];
    }
  }
  return { views, stages: stages(root), names: new Set(views.map((view) => view.name)), comments, checkComments };
});

/** Build arguments by name. */
export type BuildArgs = Readonly<Record<string, string>>;

/**
 * A function of a tree and the build arguments, remembered until the tree's top-level nodes change: every check of a
 * pass reads the same facts.
 */
export function memoizeByBuild<T>(
  name: string,
  compute: (root: Root, args: BuildArgs) => T,
): (root: Root, args?: BuildArgs) => T {
  const byTree = memoizeByTree(name, () => new Map<string, T>());
  return (root, args = {}) => {
    const cache = byTree(root);
    const key = Object.keys(args).length ? JSON.stringify(args) : '';
    if (!cache.has(key)) cache.set(key, compute(root, args));
    return cache.get(key)!;
  };
}

/** The file's check configuration: the `BUILDKIT_DOCKERFILE_CHECK` build argument, else the `# check=` directive. */
function fileCheckConfig(root: Root, args: BuildArgs = {}): CheckConfig {
  const given = args.BUILDKIT_DOCKERFILE_CHECK ?? root.data.directives.check;
  return given === undefined ? EMPTY : (readCheckOptions(args.BUILDKIT_DOCKERFILE_CHECK ?? firstWord(given)) ?? EMPTY);
}

/** Whether BuildKit runs a rule under a configuration: an experimental rule only where named, others unless skipped. */
function ruleRuns(config: CheckConfig, rule: string, experimental: boolean): boolean {
  if (experimental) return config.experimentalAll || config.experimental.has(rule);
  return !config.skipAll && !config.skip.has(rule);
}

/** The stages BuildKit dispatches: those the target needs (itself, its bases, stages it copies or mounts from). */
function neededStages(root: Root, target: string): ReadonlySet<Stage> | undefined {
  const all = stages(root);
  const byName = new Map<string, Stage>();
  for (const stage of all) if (stage.name) byName.set(stage.name.toLowerCase(), stage);
  const start = byName.get(target.toLowerCase());
  if (!start) return undefined;
  const bases = stageBases(root);
  const stageOf = (ref: string | undefined): Stage | undefined =>
    ref === undefined ? undefined : /^\d+$/.test(ref) ? all[Number(ref)] : byName.get(ref.toLowerCase());
  const needed = new Set<Stage>();
  const queue = [start];
  for (let stage = queue.pop(); stage; stage = queue.pop()) {
    if (needed.has(stage)) continue;
    needed.add(stage);
    const base = bases.get(stage);
    const refs: Array<string | undefined> = [base && 'stage' in base ? base.stage : undefined];
    for (const view of stage.instructions) {
      for (const flag of view.flags) {
        if (flag.name === 'from' && view.name === 'copy') refs.push(flag.value);
        if (flag.name === 'mount') refs.push(flag.fields?.find((field) => field.key === 'from')?.value);
      }
    }
    for (const ref of refs) {
      const dep = stageOf(ref);
      if (dep && !needed.has(dep)) queue.push(dep);
    }
  }
  return needed;
}

/** How a fix is said: what it does, in both tenses, for `changed`. */
export interface FixText {
  done: string;
  planned: string;
}

/** One check at work on one file: BuildKit's configuration for it, and how it reports and fixes. */
export class CheckRun {
  private readonly config: CheckConfig;
  private comments: ReadonlyMap<InstructionNode, CheckConfig>;
  private dispatched: ReadonlySet<Stage> | undefined | null = null;
  /** What the check reads of the file. */
  facts: FileFacts;
  /** Whether the rule may run anywhere in the file, for the facts it was last asked on. */
  private runs: boolean | undefined;

  constructor(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    private readonly ctx: TransformContext<any>,
    /** BuildKit's name of the rule. */
    readonly rule: string,
    private readonly experimental: boolean,
    private readonly url: string,
  ) {
    this.facts = fileFacts(ctx.root);
    this.config = fileCheckConfig(ctx.root, ctx.build.args);
    this.comments = this.facts.checkComments;
  }

  /** Read the file again when its tree changed since the last run (a check runs once per pass, on the same context). */
  refresh(): void {
    const facts = fileFacts(this.ctx.root);
    if (facts === this.facts) return;
    this.facts = facts;
    this.comments = facts.checkComments;
    this.dispatched = null;
    this.runs = undefined;
  }

  /** Whether the rule may run anywhere in the file (a `# check=` comment can turn an experimental rule on). */
  get anywhere(): boolean {
    this.runs ??=
      ruleRuns(this.config, this.rule, this.experimental) ||
      (this.comments.size > 0 &&
        [...this.comments.values()].some((c) => ruleRuns(merged(this.config, c), this.rule, this.experimental)));
    return this.runs;
  }

  /**
   * Whether the rule runs for an instruction: BuildKit's configuration, with the `# check=` comment above `configNode`
   * unless the rule is checked file-wide (`file`), and no layerfix disable comment for the transform at `node`.
   */
  on(
    node: InstructionNode,
    scope: 'instruction' | 'file' = 'instruction',
    configNode: InstructionNode = node,
  ): boolean {
    const comment = scope === 'instruction' ? this.comments.get(configNode) : undefined;
    const config = comment ? merged(this.config, comment) : this.config;
    return ruleRuns(config, this.rule, this.experimental) && this.ctx.enabledFor(node);
  }

  /** Whether BuildKit dispatches a stage (and so runs the checks of its instructions): all of them unless a target is set. */
  dispatches(stage: Stage): boolean {
    if (this.dispatched === null)
      this.dispatched = this.ctx.build.target ? neededStages(this.ctx.root, this.ctx.build.target) : undefined;
    return !this.dispatched || this.dispatched.has(stage);
  }

  /** Report BuildKit's warning for an instruction (at `place` when given, else its first line). */
  warn(node: InstructionNode, detail: string, place?: Position): void {
    this.ctx.report({
      message: detail,
      node,
      rule: this.rule,
      url: this.url,
      ...(place ? { place } : {}),
      ...(this.config.error ? { severity: 'error' } : {}),
    });
  }

  /** Report a fix made at `node`, naming the rule. */
  fixed(node: InstructionNode, text: FixText): void {
    const change: ChangeText = { done: `${text.done} (${this.rule})`, planned: `${text.planned} (${this.rule})` };
    this.ctx.changed(change, node);
  }

  /** Report why a violation was left as it is (its warning is reported too). */
  declined(node: InstructionNode, reason: string): void {
    this.ctx.skipped(`${reason} (${this.rule})`, node);
  }
}

/** `FromAsCasing` to `from-as-casing`, `JSONArgsRecommended` to `json-args-recommended`. */
export function kebabCase(rule: string): string {
  return rule
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/** Where BuildKit documents a rule. */
export function ruleUrl(rule: string): string {
  return `https://docs.docker.com/go/dockerfile/rule/${kebabCase(rule)}/`;
}

/**
 * What says podman or buildah may build the file (their rules differ from BuildKit's where a fix leans on BuildKit's):
 * a build file (`Makefile:2: podman build`), or the file's name, Containerfile (the name they look for first).
 */
export function podmanMayBuild(ctx: Pick<TransformContext<never>, 'build' | 'file'>): string | undefined {
  if (ctx.build.podman) return ctx.build.podman;
  const name = ctx.file.path ? posix.basename(ctx.file.path.replace(/\\/g, '/')) : '';
  return /(^|[._-])containerfile([._-]|$)/i.test(name) ? `its name, ${name}` : undefined;
}

/** The `fix` option of a check whose fix is mechanical: on by default when the built image stays byte for byte the same. */
export function fixOption(byDefault: boolean, description: string) {
  return { fix: { type: 'boolean', default: byDefault, description } } as const;
}

/** A check as data: BuildKit's rule, what the transform does, its options, and its work on one file. */
export interface CheckSpec<S extends Record<string, OptionSpec>> {
  /** BuildKit's rule name (`FromAsCasing`); the transform is named after it in kebab-case. */
  rule: string;
  /** One line saying what the transform reports and, when it fixes, how and whether the fix is on by default. */
  description: string;
  /** An experimental BuildKit rule (under these options): it reports only where the check configuration names it. */
  experimental?: (options: OptionValues<S>) => boolean;
  /** `declared` when it may edit the file, `layout` when it only reports or changes only layout. */
  meaning: 'layout' | 'declared';
  options: S;
  run(ctx: ContextOf<S>, check: CheckRun): void;
}

/**
 * Define the transform of a BuildKit check: on by default, reporting where BuildKit's configuration runs the rule. Its
 * documentation is its section of docs/transforms.md; each warning links BuildKit's page of the rule.
 */
export function defineCheck<const S extends Record<string, OptionSpec>>(spec: CheckSpec<S>): AnyTransform {
  const url = ruleUrl(spec.rule);
  const name = kebabCase(spec.rule);
  return defineTransform({
    name,
    description: spec.description,
    url: docsUrl('transforms.md', name),
    defaultEnabled: true,
    meaning: spec.meaning,
    options: spec.options,
    run(ctx) {
      // A transform's context lasts for its file's passes: the check of the file is made once, and read again when the tree changed.
      let check = runs.get(ctx);
      if (check) check.refresh();
      else runs.set(ctx, (check = new CheckRun(ctx, spec.rule, spec.experimental?.(ctx.options) ?? false, url)));
      if (check.anywhere) spec.run(ctx, check);
    },
  });
}

/**
 * The check of each context (one per check transform and file), kept on the context: a WeakMap would keep every
 * file's facts alive until a full collection.
 */
const runs = new NodeData<CheckRun>('layerfix.checks.run');
