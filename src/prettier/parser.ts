/**
 * The `dockerfile` prettier parser: it runs layerfix's whole pipeline (lossless parse, `format`, the meaning guard)
 * here, because prettier parsers may be async and printers may not; the AST it returns holds the finished text.
 */
import type { Parser } from 'prettier';
import { transform } from '../registry.js';
import { pipelineOptions, type PrettierDockerfileOptions } from './options.js';

/** The AST handed to the printer: the formatted text and the span of the input it replaces. */
export interface DockerfileAst {
  type: 'layerfix-dockerfile';
  /** The text layerfix produced. */
  text: string;
  start: number;
  end: number;
}

/** A file layerfix would not format (a parse error, a failing transform or the guard), with its place for prettier's code frame. */
export class LayerfixFormatError extends Error {
  override name = 'SyntaxError';
  /** Where it happened (1-based line and column), as prettier expects of parse errors. */
  loc: { start: { line: number; column: number } };

  constructor(message: string, line: number, column: number) {
    super(`${message} (${line}:${column})`);
    this.loc = { start: { line, column } };
  }
}

/** Format one text with layerfix under prettier's options; throws LayerfixFormatError when layerfix leaves it untouched for an error. */
export async function formatDockerfile(text: string, options: PrettierDockerfileOptions): Promise<DockerfileAst> {
  const result = await transform(text, pipelineOptions(text, options));
  if (result.status === 'error') {
    const error = result.messages.find((m) => m.fatal) ?? result.messages[0];
    throw new LayerfixFormatError(
      error?.reason ?? 'layerfix could not format this file',
      error?.line ?? 1,
      error?.column ?? 1,
    );
  }
  return { type: 'layerfix-dockerfile', text: result.text, start: 0, end: text.length };
}

/** The prettier parser named `dockerfile`. */
export const dockerfileParser: Parser<DockerfileAst> = {
  astFormat: 'layerfix-dockerfile',
  parse: (text, options) => formatDockerfile(text, options as unknown as PrettierDockerfileOptions),
  locStart: (node) => node.start,
  locEnd: (node) => node.end,
};
