/**
 * layerfix: lossless Dockerfile codemods. The package entry only re-exports: the engine's public API (what a
 * transform is written against, with the syntax, shell and printer layers), the built-in transforms and the pipeline
 * over them, configuration, and the runner over files. Shared analyses for plugins are in `layerfix/analysis`.
 */
export * from './engine/index.js';
export { dumpBuildkit } from './syntax/index.js';
export { builtinTransforms, pipelineWith, transform, transformList } from './registry.js';
export { defineConfig } from './config/define.js';
export type { LayerfixConfig } from './config/types.js';
export { layerfixFiles } from './runner/files.js';
export type { LayerfixFilesOptions, FilesReport, FileResult } from './runner/types.js';
