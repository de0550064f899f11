/**
 * Reference documentation of transforms, generated from their metadata and option specs (the same data that drives
 * validation, `--list-transforms` and the JSON Schema).
 */
import { printerOptionSpecs, type AnyTransform, type OptionSpec } from '../engine/index.js';

function optionRow(name: string, spec: OptionSpec): string {
  const type = spec.type === 'enum' ? spec.values.map((v) => `\`"${v}"\``).join(' \\| ') : `\`${spec.type}\``;
  return `| \`${name}\` | ${type} | \`${JSON.stringify(spec.default)}\` | ${spec.description.replace(/\|/g, '\\|')} |`;
}

function optionTable(options: Record<string, OptionSpec>): string[] {
  const entries = Object.entries(options);
  if (!entries.length) return ['No options.'];
  return [
    '| option | type | default | what it does |',
    '| --- | --- | --- | --- |',
    ...entries.map(([name, spec]) => optionRow(name, spec)),
  ];
}

/** The Markdown reference of the given transforms. */
export function transformDocs(transforms: readonly AnyTransform[]): string {
  const lines = [
    '# Transforms',
    '',
    "<!-- Generated from the transforms' metadata by `npm run docs`; edit the transforms, not this file. -->",
    '',
    '| transform | on by default | changes the build | what it does |',
    '| --- | --- | --- | --- |',
    ...transforms.map(
      (t) =>
        `| [\`${t.name}\`](#${t.name}) | ${t.defaultEnabled ? 'yes' : 'no'} | ${t.meaning === 'layout' ? 'no (layout only)' : 'yes, as declared per edit'} | ${t.description} |`,
    ),
    '',
    '## Printer options',
    '',
    'Shared by every transform that prints new or edited text; set at the top level of the configuration.',
    '',
    ...optionTable(printerOptionSpecs as unknown as Record<string, OptionSpec>),
    '',
  ];
  for (const t of transforms) {
    lines.push(`## ${t.name}`, '', t.description, '', ...optionTable(t.options as Record<string, OptionSpec>), '');
    lines.push(`Turn it off for one instruction with \`# layerfix-disable-next-line ${t.name} -- reason\`.`, '');
  }
  return lines.join('\n');
}
