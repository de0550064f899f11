/**
 * The prettier printer for layerfix's AST: the parser already produced the text, so printing returns it.
 */
import type { Printer } from 'prettier';
import type { DockerfileAst } from './parser.js';

/** The printer for the `layerfix-dockerfile` AST format. */
export const dockerfilePrinter: Printer<DockerfileAst> = {
  print: (path) => path.node.text,
};
