/**
 * The engine's public entry: what a transform (built-in or plugin) is written against. Defining a transform and its
 * options, the context it runs with, the edit API, the pipeline that runs a list of transforms given as data, and
 * the syntax, shell and printer layers a transform reads and prints through.
 */
export { defineTransform, isTransformName } from './define.js';
export {
  createPipeline,
  layerfixParse,
  layerfixStringify,
  layerfixTransforms,
  MAX_FILE_SIZE,
  type Pipeline,
} from './pipeline.js';
export type { EnabledTransform } from './passes.js';
export { closestName, didYouMean } from './suggest.js';
export { DeadlineError } from './deadline.js';
export {
  OptionsError,
  regexProblem,
  printerOptionSpecs,
  resolvePrinterOptions,
  resolveTransformOptions,
  isEnabled,
  validateSettings,
  optionsSchema,
  printerOptionsSchema,
} from './options.js';
export { Editor, EditError, type DeclaredMeaning, type TextEdit, type WordEdit } from './editor.js';
export { readDisableComment, type DisableComment } from './disable.js';
export { docsUrl, doneText, positionText } from './messages.js';
export type * from './types.js';
export * from '../syntax/index.js';
export * from '../printer/index.js';
export * from '../shell/index.js';
