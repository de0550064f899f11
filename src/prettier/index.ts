/**
 * `layerfix/prettier`: a prettier plugin that formats Dockerfiles through layerfix's lossless parser, the `format`
 * transform and the meaning guard. Use it with `plugins: ["layerfix/prettier"]` in a prettier configuration.
 */
import type { Plugin } from 'prettier';
import { dockerfileLanguage } from './languages.js';
import { pluginDefaultOptions, pluginOptions } from './options.js';
import { dockerfileParser, type DockerfileAst } from './parser.js';
import { dockerfilePrinter } from './printer.js';

export { formatDockerfile, LayerfixFormatError, type DockerfileAst } from './parser.js';
export { pipelineOptions, type PrettierDockerfileOptions } from './options.js';

/** The languages the plugin formats. */
export const languages = [dockerfileLanguage];
/** The `dockerfile` parser. */
export const parsers = { dockerfile: dockerfileParser };
/** The printer for the parser's AST. */
export const printers = { 'layerfix-dockerfile': dockerfilePrinter };
/** The plugin's options: `layerfixTransforms`, `layerfixOperatorPosition`. */
export const options = pluginOptions;
/** Defaults for prettier's own options in Dockerfiles (`tabWidth: 4`). */
export const defaultOptions = pluginDefaultOptions;

/** The plugin as one object. */
const plugin: Plugin<DockerfileAst> = { languages, parsers, printers, options, defaultOptions };
export default plugin;
