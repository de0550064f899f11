/**
 * The shape of a layerfix configuration file, and of the configuration resolved for one Dockerfile.
 */
import type { PrinterOptions, TransformSetting } from '../engine/index.js';

/** One or more patterns in `.gitignore` syntax, relative to the configuration file's folder. */
export type Patterns = string | string[];

/** Settings that apply to the files an override's patterns match. */
export interface OverrideConfig extends Partial<PrinterOptions> {
  /** Which files this override applies to. */
  files: Patterns;
  /** Per-transform settings for those files, on top of the file-wide ones. */
  transforms?: Record<string, TransformSetting>;
  /** The build context of those files, relative to the configuration file's folder. */
  context?: string;
  /** The stage those files are built to. */
  target?: string;
}

/** A configuration file: `.layerfixrc*`, `layerfix.config.*` or `package.json#layerfix`. */
export interface LayerfixConfig extends Partial<PrinterOptions> {
  /** The JSON Schema, for editors. Ignored by layerfix. */
  $schema?: string;
  /** Stop looking for configuration files in parent folders. */
  root?: boolean;
  /** Per-transform settings: `"off"`, `true`/`"on"` (defaults) or an options object. */
  transforms?: Record<string, TransformSetting>;
  /** Modules (paths relative to this file, or package names) that export a transform or an array of transforms. */
  plugins?: string[];
  /** Settings for some files only; later overrides win. */
  overrides?: OverrideConfig[];
  /** Extra files to treat as Dockerfiles when searching folders. */
  files?: Patterns;
  /** Files and folders to leave out when searching folders. */
  ignore?: Patterns;
  /**
   * The build context of the Dockerfiles this configuration applies to, relative to its folder: wins over the context
   * found from the repository's build files.
   */
  context?: string;
  /** The stage the Dockerfiles this configuration applies to are built to (`--target`); unset: as the build files say, else the last. */
  target?: string;
}

/** A plugin module a configuration asks for: what was written and where it resolves to. */
export interface PluginRef {
  /** As written in the configuration. */
  specifier: string;
  /** The absolute path of the module (or the specifier itself when it could not be resolved). */
  resolved: string;
  /** The configuration file that lists it. */
  from: string;
}

/** The configuration in effect for one file, after cascading and overrides. */
export interface ResolvedConfig extends Partial<PrinterOptions> {
  transforms: Record<string, TransformSetting>;
  plugins: PluginRef[];
  /** The configuration files that contributed, farthest first. */
  sources: string[];
  /** The build context the configuration sets (absolute), and the file that sets it. */
  context?: { dir: string; from: string };
  /** The stage the configuration says the file is built to. */
  target?: string;
}
