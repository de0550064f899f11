/**
 * layerfix: lossless Dockerfile codemods. The package entry only re-exports.
 */
export { parse } from './syntax/parse.js';
export { print } from './syntax/print.js';
export { instructionView, instructions } from './syntax/view.js';
export type { InstructionView, FlagView, HeredocView, PairView, FromView } from './syntax/view.js';
export { stages } from './syntax/stages.js';
export type { Stage } from './syntax/stages.js';
export { variableReferences, type VariableReference } from './syntax/variables.js';
export { dumpBuildkit } from './syntax/buildkit-dump.js';
export type * from './syntax/types.js';
export { shellView, loadShellParser } from './shell/index.js';
export type { ShellView, ShellCommand, ShellHazard, ShellWord, ShellListItem } from './shell/index.js';
export { transform, layerfixParse, layerfixTransforms, layerfixStringify } from './engine/transform.js';
export { defineTransform } from './engine/define.js';
export { OptionsError } from './engine/options.js';
export type { TextEdit, DeclaredMeaning, Editor } from './engine/editor.js';
export type {
  AnyTransform,
  LayerfixMessage,
  MessageKind,
  Meaning,
  OptionSpec,
  OptionValues,
  PrinterOptions,
  TransformContext,
  TransformDefinition,
  TransformOptions,
  TransformResult,
  TransformSetting,
} from './engine/types.js';
export { defineConfig } from './config/define.js';
export type { LayerfixConfig } from './config/types.js';
export { layerfixFiles } from './api/files.js';
export type { LayerfixFilesOptions, FilesReport, FileResult } from './api/types.js';
export { builtinTransforms } from '../transforms/index.js';
