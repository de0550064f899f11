/**
 * The JSON Schema of a `.layerfixrc.json`, generated from the transforms' option specs and the printer options,
 * so editors complete and check configuration files through `$schema`.
 */
import { optionsSchema, printerOptionsSchema, type AnyTransform } from '../engine/index.js';

const patterns = {
  oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
};

/** Where the schema is published inside the package. */
export const SCHEMA_PATH = 'schema/layerfixrc.schema.json';

/** The `transforms` object: known transforms with their options; other names (from plugins) take any setting. */
function transformsSchema(transforms: readonly AnyTransform[]): Record<string, unknown> {
  return {
    ...optionsSchema([...transforms]),
    description: 'Per-transform settings: "off", true or "on" (defaults), or an object of options.',
    additionalProperties: {
      description: 'A transform from a plugin.',
      oneOf: [{ type: 'boolean' }, { enum: ['on', 'off'] }, { type: 'object' }],
    },
  };
}

/** The build context setting: a folder, relative to the configuration file. */
const context = {
  type: 'string',
  minLength: 1,
  description:
    "The build context of the Dockerfiles this file applies to (a folder relative to this file); over the context found from the repository's compose, bake, workflow, GitLab CI, skaffold, dev container, Makefile and script files.",
};

/** The build target setting: the name of a stage. */
const target = {
  type: 'string',
  pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
  description:
    'The stage the Dockerfiles this file applies to are built to (as `--target` says); merge-runs merges only in the stages the image is made of.',
};

/** The JSON Schema (draft-07) of a layerfix configuration file. */
export function configSchema(transforms: readonly AnyTransform[]): Record<string, unknown> {
  const printer = printerOptionsSchema();
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://unpkg.com/layerfix/schema/layerfixrc.schema.json',
    title: 'layerfix configuration',
    description:
      'Configuration of layerfix, the Dockerfile codemod toolkit (.layerfixrc.json, .layerfixrc, layerfix.config.*, package.json#layerfix).',
    type: 'object',
    properties: {
      $schema: { type: 'string', description: 'The JSON Schema of this file, for editors.' },
      root: { type: 'boolean', description: 'Stop looking for configuration files in parent folders.', default: false },
      transforms: transformsSchema(transforms),
      plugins: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description:
          'Modules (paths relative to this file, or package names) exporting a transform or an array of transforms.',
      },
      overrides: {
        type: 'array',
        description:
          'Settings for some files only (patterns in .gitignore syntax, relative to this file); later overrides win.',
        items: {
          type: 'object',
          required: ['files'],
          additionalProperties: false,
          properties: {
            files: { ...patterns, description: 'Which files this override applies to.' },
            transforms: transformsSchema(transforms),
            context: { ...context, description: 'The build context of these files (a folder relative to this file).' },
            target: { ...target, description: 'The stage these files are built to.' },
            ...printer,
          },
        },
      },
      files: {
        ...patterns,
        description: 'Extra files to treat as Dockerfiles when searching folders (.gitignore syntax).',
      },
      ignore: {
        ...patterns,
        description: 'Files and folders to leave out when searching folders (.gitignore syntax).',
      },
      context,
      target,
      ...printer,
    },
    additionalProperties: false,
  };
}
