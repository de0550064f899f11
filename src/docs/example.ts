/**
 * The text of `.layerfixrc.example`: every transform with its defaults, each with its description, generated from
 * the option data (YAML, which a `.layerfixrc` may be).
 */
import { printerOptionSpecs, type AnyTransform, type OptionSpec } from '../engine/index.js';

function value(v: unknown): string {
  return JSON.stringify(v);
}

function optionLines(options: Record<string, OptionSpec>, indent: string, prefix = ''): string[] {
  return Object.entries(options).flatMap(([key, spec]) => [
    `${indent}${prefix}# ${spec.description}`,
    `${indent}${prefix}${key}: ${value(spec.default)}`,
  ]);
}

/** The example configuration file. */
export function exampleConfig(transforms: readonly AnyTransform[]): string {
  const out = [
    '# layerfix configuration: every transform with its defaults. Copy this file to .layerfixrc (YAML or JSON) or',
    '# .layerfixrc.yaml and keep what you change. For JSON with editor completion, see schema/layerfixrc.schema.json.',
    '# Generated from the option data by `npm run docs`; do not edit by hand.',
    '',
    '# Stop looking for configuration files in parent folders.',
    'root: true',
    '',
  ];
  for (const [key, spec] of Object.entries(printerOptionSpecs) as [string, OptionSpec][])
    out.push(`# ${spec.description}`, `${key}: ${value(spec.default)}`);
  out.push('', '# Per-transform settings: "off", true (defaults) or an object of options.', 'transforms:');
  for (const t of transforms) {
    const options = t.options as Record<string, OptionSpec>;
    const hasOptions = Object.keys(options).length > 0;
    out.push(
      `  # ${t.description}`,
      `  # ${t.defaultEnabled ? 'On' : 'Off'} by default${t.meaning === 'layout' ? '; changes layout only' : ''}. Docs: ${t.url}`,
    );
    if (t.defaultEnabled) {
      out.push(hasOptions ? `  ${t.name}:` : `  ${t.name}: true`, ...optionLines(options, '    '));
    } else {
      out.push(`  ${t.name}: "off"`);
      if (hasOptions)
        out.push(
          `  # To turn it on with options, replace the line above with:`,
          `  # ${t.name}:`,
          ...optionLines(options, '  # ', '  '),
        );
    }
    out.push('');
  }
  out.push(
    '# Modules exporting a transform or an array of transforms, configured under transforms like the built-ins.',
    '# plugins: ["./layerfix/no-latest-tag.ts"]',
    '',
    '# Settings for some files only (patterns in .gitignore syntax, relative to this file); later overrides win.',
    '# overrides:',
    '#   - files: ["legacy/**"]',
    '#     transforms:',
    '#       reorder-stable: "off"',
    '',
    '# Extra files to treat as Dockerfiles, and files or folders to leave out (.gitignore syntax).',
    '# files: ["*.df"]',
    '# ignore: ["vendor/"]',
    '',
    '# The build context of the Dockerfiles this file applies to (relative to it; also in overrides); wins over the',
    '# context found from compose, bake, workflow, GitLab CI, skaffold, dev container, Makefile and script files.',
    '# context: "."',
    '',
  );
  return out.join('\n');
}
