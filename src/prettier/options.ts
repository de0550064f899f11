/**
 * The prettier plugin's own options, and how prettier's options map to layerfix's pipeline options.
 */
import type { SupportOption } from 'prettier';
import { detectIndent, parse, type TransformOptions } from '../engine/index.js';

/** Options the plugin adds to prettier (`--layerfix-transforms`, `--layerfix-operator-position`). */
export const pluginOptions: Record<string, SupportOption> = {
  layerfixTransforms: {
    type: 'string',
    array: true,
    category: 'Dockerfile',
    default: [{ value: [] }],
    description: 'More layerfix transforms to run after format (e.g. merge-runs); names may also be comma-separated.',
  },
  layerfixOperatorPosition: {
    type: 'choice',
    category: 'Dockerfile',
    default: 'auto',
    description: 'Where && goes when layerfix breaks a shell chain over lines.',
    choices: [
      { value: 'auto', description: "Where most of the file's chains put it (at the end of a line when none does)." },
      { value: 'end', description: 'At the end of a line, before the line continuation.' },
      { value: 'start', description: 'At the start of the next line.' },
    ],
  },
};

/** Defaults the plugin sets for prettier's own options in Dockerfiles: 4-space indentation, as layerfix uses. */
export const pluginDefaultOptions = { tabWidth: 4 };

/** The prettier options the plugin reads. */
export interface PrettierDockerfileOptions {
  printWidth: number;
  tabWidth: number;
  useTabs: boolean;
  filepath?: string;
  layerfixTransforms?: string[];
  layerfixOperatorPosition?: 'end' | 'start' | 'auto';
}

/**
 * layerfix pipeline options for one text under prettier's options: `format` plus `layerfixTransforms`; printWidth
 * (at least 20, layerfix's minimum); the file's own continuation indent when it has one (as layerfix does), otherwise
 * a tab under `useTabs` or `tabWidth` spaces (at most 16). End of line and the BOM are prettier's business: it hands
 * the parser LF text and converts the output per `endOfLine`.
 */
export function pipelineOptions(text: string, options: PrettierDockerfileOptions): TransformOptions {
  const extra = (options.layerfixTransforms ?? [])
    .flatMap((item) => item.split(','))
    .map((name) => name.trim())
    .filter(Boolean);
  const indent =
    detectIndent(parse(text)) !== undefined
      ? 'auto'
      : options.useTabs
        ? '\t'
        : Math.min(16, Math.max(0, options.tabWidth));
  return {
    only: [...new Set(['format', ...extra])],
    printWidth: Math.max(20, options.printWidth),
    indent,
    operatorPosition: options.layerfixOperatorPosition ?? 'auto',
    ...(options.filepath ? { path: options.filepath } : {}),
  };
}
