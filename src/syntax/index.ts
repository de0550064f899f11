/**
 * The syntax layer's public entry: the lossless tree (parse, print), the instruction view, stages, variables, and the
 * helpers that map logical offsets back to the text.
 */
export { parse } from './parse.js';
export { print } from './print.js';
export { instructionView, instructions } from './view.js';
export type { InstructionView, FlagView, HeredocView, PairView, FromView } from './view.js';
export { stages, type Stage } from './stages.js';
export { variableReferences, type VariableReference } from './variables.js';
export { dumpBuildkit } from './buildkit-dump.js';
export { toLocal, toLogical, type LogicalLine } from './logical.js';
export { NodeData } from './node-data.js';
export { memoizeByTree } from './tree-memo.js';
export { readJsonForm, type JsonForm } from './json-form.js';
export { buildkitNode } from './command-line.js';
export { goQuote } from './go-text.js';
export type { BuildkitNode } from './buildkit-args.js';
export type * from './types.js';
