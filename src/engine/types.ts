/**
 * The engine's public types: transform definitions, their options, the pipeline's inputs and results.
 */
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { InstructionNode, Position, Root } from '../syntax/types.js';
import type { InstructionView } from '../syntax/view.js';
import type { ShellView, ShellViewOptions } from '../shell/index.js';
import type { PrinterOptions, Style } from '../printer/index.js';

export type { PrinterOptions } from '../printer/index.js';
import type { Editor } from './editor.js';

/** How one option of a transform is declared: the data behind validation, `--help`, docs and the JSON Schema. */
export type OptionSpec =
  | { type: 'boolean'; default: boolean; description: string }
  | { type: 'number'; default: number; description: string; min?: number; max?: number; integer?: boolean }
  | { type: 'string'; default: string; description: string; format?: OptionFormat }
  | { type: 'enum'; default: string; description: string; values: readonly string[] }
  | { type: 'string[]'; default: readonly string[]; description: string; format?: OptionFormat };

/**
 * What a string option (or each string of a list) must be, checked with the configuration before any file is read:
 * `regex`, a JavaScript regular expression source (`new RegExp(value)` must accept it).
 */
export type OptionFormat = 'regex';

/** The option values a set of option specs describes. */
export type OptionValues<S extends Record<string, OptionSpec>> = {
  [K in keyof S]: S[K] extends { type: 'boolean' }
    ? boolean
    : S[K] extends { type: 'number' }
      ? number
      : S[K] extends { type: 'string[]' }
        ? string[]
        : S[K] extends { type: 'enum'; values: readonly (infer V)[] }
          ? V
          : string;
};

/** What a transform may change. */
export type Meaning =
  /** Layout only: the BuildKit view of the file stays exactly the same. */
  | 'layout'
  /** Changes the build, in the ways it declares for each edit (merges, moves). */
  | 'declared';

/** Everything a transform gets when it runs over one file. */
export interface TransformContext<O> {
  root: Root;
  file: VFile;
  options: O;
  printer: PrinterOptions;
  /** The file's own layout (line ending, escape, indentation, keyword case) under the printer options. */
  style: Style;
  /** How the file is built: its build context and target stage, when known. */
  build: BuildSettings;
  /** Views of the file's instructions in their current order. */
  instructions(): InstructionView[];
  /** The shell view of a shell-form command, remembered for this file across passes and transforms (read-only). */
  shellView(text: string, options?: ShellViewOptions): ShellView;
  /** The edit API: every change goes through it so the guard knows what was meant. */
  edit: Editor;
  /** False (and the disable comment counted as used) when a disable comment turns this transform off for `node`. */
  enabledFor(node: InstructionNode): boolean;
  /**
   * Report a change this transform made; it retracts this transform's earlier skips of the `involved` nodes. Say it in
   * both tenses (`{ done: 'Merged ...', planned: 'Would merge ...' }`) so a dry run does not claim what it did not
   * do; a plain string is the done form, and reports of runs that write nothing mark it as not written.
   */
  changed(reason: string | ChangeText, node?: InstructionNode, involved?: InstructionNode[]): void;
  /** Report a place where this transform declined to act, and why. */
  skipped(reason: string, node?: InstructionNode): void;
  /**
   * Report a finding: a rule the file breaks, said without changing it (a check that only reports, or one whose fix
   * was declined). Like skips, only the findings of the last pass (on the final tree) are kept.
   */
  report(finding: Finding): void;
}

/** What `ctx.report` says about a file: a rule it breaks, and where. */
export interface Finding {
  /** What is wrong, in the words of the rule (e.g. BuildKit's warning text). */
  message: string;
  /** The instruction it is about: the finding is placed at its first line in the input. */
  node?: InstructionNode;
  /** Where in the input it is, when not the first line of `node` (e.g. the last line of a continued instruction). */
  place?: Position;
  /** The rule's name in the tool that defines it (`FromAsCasing`, `DL3027`), shown beside the transform's name. */
  rule?: string;
  /** Where the rule is documented, when not at the transform's `url`. */
  url?: string;
  /** `error` fails the file, as BuildKit's `# check=error=true` fails the build; default `warning`. */
  severity?: 'warning' | 'error';
}

/** A change said both ways: what was done (once written) and what would be done (a dry run, `--check`). */
export interface ChangeText {
  /** Past tense, e.g. `Merged RUN at 4:1 into RUN at 3:1`. */
  done: string;
  /** Conditional, e.g. `Would merge RUN at 4:1 into RUN at 3:1`. */
  planned: string;
  /**
   * Names what the change does to its instruction (`move`): a later change of the same transform with the same key at
   * the same place replaces this one, so a move made again in a later pass is reported once, where it ended.
   */
  key?: string;
}

/** A transform: metadata plus a function that edits the tree through the context. */
export interface TransformDefinition<S extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  /** kebab-case name: the file, config key, fixture folder, message ruleId and disable-comment name. */
  name: string;
  /** One line saying what it does. */
  description: string;
  /** Where its documentation lives. */
  url: string;
  /** On unless the configuration turns it off. */
  defaultEnabled: boolean;
  /** Whether and how it changes what the image builds. */
  meaning: Meaning;
  /** Its options, declared as data. */
  options: S;
  /** Edit the tree; may be called several times per file until nothing changes. */
  run(context: TransformContext<OptionValues<S>>): void | Promise<void>;
}

/** The context type of a transform with these option specs: `type Context = ContextOf<typeof options>`. */
export type ContextOf<S extends Record<string, OptionSpec>> = TransformContext<OptionValues<S>>;

/** A transform of any option shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTransform = TransformDefinition<any>;

/** How a transform is set in a configuration: off, on with defaults, or on with options. */
export type TransformSetting = boolean | 'off' | 'on' | Record<string, unknown>;

/** Options of a pipeline run on one text. */
export interface PipelineOptions extends Partial<PrinterOptions> {
  /** Per-transform settings by name. */
  transforms?: Record<string, TransformSetting>;
  /** Run only these transforms. */
  only?: string[];
  /** Do not run these transforms. */
  skip?: string[];
  /** The file's path, for messages and for transforms that read the build context. */
  path?: string;
  /** How the file is built: its build context and target stage, when known. */
  build?: BuildSettings;
  /**
   * Fail the file with a `timeout` error once its transforms have run this many milliseconds (checked at every
   * context call and edit of a transform; default: no limit).
   */
  timeoutMs?: number;
}

/** How a Dockerfile is built, as far as the configuration or the repository says. */
export interface BuildSettings {
  /** The build context folder (absolute, or relative to the Dockerfile's folder); unset: the Dockerfile's folder. */
  context?: string;
  /** Where `context` came from, for messages (`--context`, a compose file, ...). */
  contextSource?: string;
  /** The stage the image is built to (`--target`); unset: the last stage. */
  target?: string;
  /** The stages the build files build images to, when they name several (each ships; `target` is then unset). */
  targets?: readonly string[];
  /** The ignore file the build reads (absolute), when the build files name one other than .dockerignore. */
  ignoreFile?: string;
  /** Set when no build context could be found, saying why: transforms that read the context decline with it. */
  contextUnknown?: string;
  /** The build arguments the build passes (`--build-arg NAME=value`), by name; unset: none. */
  args?: Record<string, string>;
  /**
   * Where a build file says podman or buildah builds the file (`Makefile:12: podman build`). They keep EXPOSE protocols
   * and match stage names as written, where BuildKit lower-cases them.
   */
  podman?: string;
}

/** Options of `transform`: a pipeline run over the built-in transforms and, configured like them, those of plugins. */
export interface TransformOptions extends PipelineOptions {
  /** Extra transforms (from plugins), configured like the built-ins. */
  plugins?: AnyTransform[];
}

/** What a message says about the file: `finding` is a rule the file breaks, reported by a transform (`ctx.report`). */
export type MessageKind = 'change' | 'skip' | 'error' | 'warning' | 'finding';

/** A vfile message with layerfix's kind. */
export interface LayerfixMessage extends VFileMessage {
  kind: MessageKind;
  /** For a change the transform said both ways: the phrasing for a run that writes nothing (`reason` is the done form). */
  planned?: string;
  /** For a finding: the rule's name in the tool that defines it (BuildKit's `FromAsCasing`, hadolint's `DL3027`). */
  rule?: string;
}

/** The pipeline's result for one text. */
export interface TransformResult {
  /** The new text (the input itself when nothing changed or the file failed). */
  text: string;
  /** Whether `text` differs from the input. */
  changed: boolean;
  /** Errors (fatal), warnings, changes made and places skipped, in source order. */
  messages: LayerfixMessage[];
  /** `error` when the file could not be processed: parse errors, a failing transform or the guard. */
  status: 'changed' | 'unchanged' | 'error';
}
