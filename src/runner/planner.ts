/**
 * Turn the configuration of each file into pipeline settings: cascade the layers, load the plugins of each
 * configuration chain once, and check every transform setting before any file is touched.
 */
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BuildContexts, type BuildPlan } from '../build-context/index.js';
import type { AnyTransform } from '../engine/index.js';
import { ConfigError, ConfigProblems } from '../config/errors.js';
import { mergeLayers, type ConfigLayer } from '../config/merge.js';
import type { LoadedPlugins } from '../config/plugins.js';
import type { ConfigResolver } from '../config/resolver.js';
import type { ResolvedConfig } from '../config/types.js';
import type { FileSettings } from './process-file.js';

/** The settings of one file, or why its configuration cannot be used (a plugin that fails to load). */
export type FilePlan =
  | { settings: FileSettings; config: ResolvedConfig }
  | { error: { ruleId: string; message: string }; config: ResolvedConfig };

interface Chain {
  plugins?: LoadedPlugins;
  pluginError?: string;
  /** The built-ins and this chain's plugins' transforms. */
  transforms: readonly AnyTransform[];
}

async function transformsWith(plugins: readonly AnyTransform[] = []): Promise<readonly AnyTransform[]> {
  return (await import('../registry.js')).transformList(plugins);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The settings of a file without configuration: one object for all of them (the pool sends it once). */
const DEFAULT_SETTINGS: FileSettings = Object.freeze({
  transforms: Object.freeze({}),
  plugins: Object.freeze([]) as unknown as string[],
});

/** How the planner finds build contexts: from `cwd` (the folder run on), with `context` (relative to it) for every file. */
export interface PlannerBuildOptions {
  cwd: string;
  context?: string;
  /** `--target`: the stage every file is built to. */
  target?: string;
}

/** Plans files one by one, caching per configuration chain. */
export class Planner {
  private readonly chains = new Map<string, Promise<Chain>>();
  private readonly checked = new Set<string>();
  private readonly contexts?: BuildContexts;
  private readonly withBuild = new WeakMap<BuildPlan, FileSettings>();

  constructor(
    private readonly resolver: ConfigResolver,
    private readonly only?: readonly string[],
    private readonly skip?: readonly string[],
    private readonly build?: PlannerBuildOptions,
  ) {
    if (build) this.contexts = new BuildContexts({ cwd: build.cwd });
  }

  /**
   * The build plan of a file: `--context`, then the configuration's `context`, then the repository's build files;
   * with the stage built from `--target`, then the configuration's `target`, then the build files.
   */
  private async buildPlan(path: string, config: ResolvedConfig): Promise<BuildPlan | undefined> {
    const plan = await this.contextPlan(path, config);
    const target = this.build?.target ?? config.target;
    return plan && target !== undefined ? this.contexts!.targeting(plan, target) : plan;
  }

  private async contextPlan(path: string, config: ResolvedConfig): Promise<BuildPlan | undefined> {
    if (!this.contexts || !this.build) return undefined;
    if (this.build.context !== undefined) {
      const dir = resolve(this.build.cwd, this.build.context);
      if (!isFolder(dir)) throw new ConfigError(`--context: ${this.build.context} is not a folder`);
      return this.contexts.given(dir, '--context');
    }
    if (config.context) {
      if (!isFolder(config.context.dir))
        throw new ConfigError(`${config.context.from}: context: ${config.context.dir} is not a folder`);
      return this.contexts.given(config.context.dir, `context in ${config.context.from}`);
    }
    return this.contexts.plan(path);
  }

  private chain(layers: readonly ConfigLayer[], config: ResolvedConfig): Promise<Chain> {
    const key = `${layers.map((l) => l.file).join('\n')}\0${config.plugins.map((p) => p.resolved).join('\n')}`;
    let chain = this.chains.get(key);
    if (!chain) {
      chain = this.loadChain(layers, config);
      this.chains.set(key, chain);
    }
    return chain;
  }

  private async loadChain(layers: readonly ConfigLayer[], config: ResolvedConfig): Promise<Chain> {
    let plugins: LoadedPlugins | undefined;
    if (config.plugins.length) {
      const { loadPlugins, PluginError } = await import('../config/plugins.js');
      try {
        plugins = await loadPlugins(config.plugins);
      } catch (error) {
        if (error instanceof PluginError) return { pluginError: error.message, transforms: [] };
        throw error;
      }
    }
    const transforms = await transformsWith(plugins?.transforms);
    if (layers.length) {
      const { checkTransformSettings } = await import('../config/validate.js');
      const names = transforms.map((t) => t.name).join(',');
      const problems = new ConfigProblems();
      for (const layer of layers) {
        const key = `${layer.file}\0${names}`;
        if (this.checked.has(key)) continue;
        problems.collect(() => checkTransformSettings(layer.config, layer.file, transforms));
        this.checked.add(key);
      }
      problems.throwIfAny();
    }
    return { plugins, transforms };
  }

  /** The plan for the file at `path` (absolute). Throws ConfigError for an invalid configuration. */
  async plan(path: string): Promise<FilePlan> {
    const layers = await this.resolver.chainFor(dirname(path));
    const config = mergeLayers(layers, path);
    const build = await this.buildPlan(path, config);
    if (!layers.length && !this.only && !this.skip) {
      if (!build) return { config, settings: DEFAULT_SETTINGS };
      // One settings object per plan, so files that share a plan share settings the pool sends once.
      let settings = this.withBuild.get(build);
      if (!settings) this.withBuild.set(build, (settings = Object.freeze({ ...DEFAULT_SETTINGS, build })));
      return { config, settings };
    }
    const chain = await this.chain(layers, config);
    if (chain.pluginError) return { config, error: { ruleId: 'plugin-error', message: chain.pluginError } };
    const { transforms, printWidth, indent, operatorPosition } = config;
    const settings: FileSettings = { transforms, plugins: chain.plugins?.modules ?? [] };
    if (build) settings.build = build;
    if (printWidth !== undefined) settings.printWidth = printWidth;
    if (indent !== undefined) settings.indent = indent;
    if (operatorPosition !== undefined) settings.operatorPosition = operatorPosition;
    const known = new Set(chain.transforms.map((t) => t.name));
    if (this.only) settings.only = this.only.filter((name) => known.has(name));
    if (this.skip) settings.skip = this.skip.filter((name) => known.has(name));
    return { config, settings };
  }

  /** Every transform known to the files planned so far: the built-ins, then each plugin transform once. */
  async knownTransforms(): Promise<AnyTransform[]> {
    const known = new Map((await transformsWith()).map((t) => [t.name, t]));
    for (const chain of await Promise.all(this.chains.values()))
      for (const t of chain.transforms) if (!known.has(t.name)) known.set(t.name, t);
    return [...known.values()];
  }

  /** The transforms known for the file at `path` (absolute): the built-ins and its configuration's plugins. */
  async transformsFor(path: string): Promise<readonly AnyTransform[]> {
    const layers = await this.resolver.chainFor(dirname(path));
    const chain = await this.chain(layers, mergeLayers(layers, path));
    if (chain.pluginError) throw new ConfigError(chain.pluginError);
    return chain.transforms;
  }

  /** Check that the `--only` and `--skip` names exist among the built-ins and the plugins planned so far. */
  async checkNames(): Promise<void> {
    if (!this.only && !this.skip) return;
    const known = new Set((await this.knownTransforms()).map((t) => t.name));
    const flags: [string, readonly string[] | undefined][] = [
      ['--only', this.only],
      ['--skip', this.skip],
    ];
    const unknown = flags.flatMap(([flag, names]) =>
      (names ?? []).filter((name) => !known.has(name)).map((name) => [flag, name] as const),
    );
    if (!unknown.length) return;
    const { didYouMean } = await import('../engine/index.js');
    const problems = new ConfigProblems();
    for (const [flag, name] of unknown)
      problems.add(
        `${flag}: unknown transform "${name}"${didYouMean(name, known)}; expected one of ${[...known].join(', ')}`,
      );
    problems.throwIfAny();
  }
}
