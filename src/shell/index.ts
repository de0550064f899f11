/**
 * The shell view: shell-form command strings read with the tree-sitter-bash grammar.
 */
export { loadShellParser, isShellParserLoaded, parseShell, shellWasmCandidates } from './load.js';
export { shellView } from './view.js';
export { shellDialect, type ShellDialect } from './dialect.js';
export { effectiveCommand } from './builtins.js';
export type * from './types.js';
