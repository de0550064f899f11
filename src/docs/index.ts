/**
 * Every file generated from the transforms' metadata and the CLI's option data, by path: `npm run docs` writes them
 * and `test/docs.test.ts` checks that they are current. Adding a transform or an option changes them; nobody edits
 * them by hand.
 */
import type { AnyTransform } from '../engine/index.js';
import { updateReadme } from './cli-md.js';
import { exampleConfig } from './example.js';
import { configSchema, SCHEMA_PATH } from './schema.js';
import { transformDocs } from './transforms-md.js';

/** Documents with a generated section between markers: the rest of each is written by hand. */
const WITH_CLI_SECTION = ['README.md', 'docs/cli.md'];

/** The generated files and their text; `read` gives the current text of a document whose section is generated. */
export function generatedDocs(
  transforms: readonly AnyTransform[],
  read: (path: string) => string | undefined,
): Record<string, string> {
  const files: Record<string, string> = {
    'docs/transforms.md': transformDocs(transforms),
    [SCHEMA_PATH]: `${JSON.stringify(configSchema(transforms), null, 2)}\n`,
    '.layerfixrc.example': exampleConfig(transforms),
  };
  for (const path of WITH_CLI_SECTION) {
    const text = read(path);
    if (text !== undefined) files[path] = updateReadme(text);
  }
  return files;
}
