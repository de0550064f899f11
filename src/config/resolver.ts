/**
 * Find and cache the configuration layers for each folder: searched upward from the folder, nearest wins,
 * `root: true` stops the search; or one explicit file for everything; or none.
 */
import { dirname, resolve } from 'node:path';
import { loadConfigFile } from './load.js';
import { mergeLayers, type ConfigLayer } from './merge.js';
import { configFileIn } from './search-places.js';
import type { ResolvedConfig } from './types.js';
import { validateConfig } from './validate.js';

/** How configuration is found: searched per folder (default), one given file, or none (`false`). */
export interface ResolverOptions {
  cwd: string;
  config?: string | false;
}

/** Finds, loads (once each) and cascades configuration files. */
export class ConfigResolver {
  private readonly chains = new Map<string, Promise<ConfigLayer[]>>();
  private readonly layers = new Map<string, Promise<ConfigLayer>>();
  private explicit?: Promise<ConfigLayer[]>;

  constructor(private readonly options: ResolverOptions) {}

  /** Every layer loaded so far. */
  async loaded(): Promise<ConfigLayer[]> {
    return Promise.all(this.layers.values());
  }

  private layer(file: string, base: string): Promise<ConfigLayer> {
    let layer = this.layers.get(file);
    if (!layer) {
      layer = loadConfigFile(file).then((data) => ({ file, base, config: validateConfig(data, file) }));
      this.layers.set(file, layer);
    }
    return layer;
  }

  /** The layers that apply to files in `dir` (absolute), farthest first; `listing`: its entries, when known. Throws ConfigError. */
  chainFor(dir: string, listing?: ReadonlySet<string>): Promise<ConfigLayer[]> {
    const { config, cwd } = this.options;
    if (config === false) return Promise.resolve([]);
    if (typeof config === 'string') {
      this.explicit ??= this.layer(resolve(cwd, config), cwd).then((layer) => [layer]);
      return this.explicit;
    }
    let chain = this.chains.get(dir);
    if (!chain) {
      chain = this.search(dir, listing);
      this.chains.set(dir, chain);
    }
    return chain;
  }

  private async search(dir: string, listing?: ReadonlySet<string>): Promise<ConfigLayer[]> {
    const own = configFileIn(dir, listing);
    const parent = dirname(dir);
    if (!own) return parent === dir ? [] : this.chainFor(parent);
    const layer = await this.layer(own, dir);
    if (layer.config.root || parent === dir) return [layer];
    return [...(await this.chainFor(parent)), layer];
  }

  /** The configuration in effect for the file at `path` (absolute). */
  async resolve(path: string): Promise<ResolvedConfig> {
    return mergeLayers(await this.chainFor(dirname(path)), path);
  }
}
