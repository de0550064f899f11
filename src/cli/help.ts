/**
 * `--help` text and the README's option tables, both generated from the option data.
 */
import type { CliCommand, CliOption } from './options.js';

function flag(option: CliOption): string {
  const long = `--${option.name}${option.value ? ` ${option.value}` : ''}`;
  return option.short ? `-${option.short}, ${long}` : `    ${long}`;
}

function details(option: CliOption): string {
  const extra = [option.default ? `default: ${option.default}` : ''].filter(Boolean);
  return extra.length ? `${option.description} (${extra.join('; ')})` : option.description;
}

function wrap(text: string, width: number, indent: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width - indent) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The help text of a command, for a terminal of `width` columns. */
export function helpText(command: CliCommand, more: readonly CliCommand[] = [], width = 100): string {
  const flags = command.options.map(flag);
  const column = Math.max(...flags.map((f) => f.length)) + 4;
  const out = [`Usage: ${command.usage}`, '', ...wrap(command.description, width, 0), '', 'Options:'];
  command.options.forEach((option, i) => {
    const [first, ...rest] = wrap(details(option), width, column + 2);
    out.push(`  ${flags[i].padEnd(column)}${first}`);
    for (const line of rest) out.push(`  ${' '.repeat(column)}${line}`);
  });
  if (more.length) {
    out.push('', 'Commands:');
    for (const other of more)
      out.push(`  ${other.usage}`, ...wrap(other.description, width, 4).map((l) => `      ${l}`));
  }
  out.push(
    '',
    ...wrap(
      'Exit codes: 0 done (nothing to change under --check), 1 changes found under --check or -l (or findings: rules a file breaks, under --check), 2 a file failed or the configuration or arguments are invalid.',
      width,
      0,
    ),
  );
  return `${out.join('\n')}\n`;
}

/** Text for Markdown: `<`, `>` and `|` escaped outside code spans. */
function markdownText(text: string): string {
  return text
    .split('`')
    .map((part, i) => (i % 2 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('`')
    .replace(/\|/g, '\\|');
}

/** A Markdown table of a command's options, for the README. */
export function optionsMarkdown(command: CliCommand): string {
  const rows = command.options.map((option) => {
    const names = [
      option.short ? `\`-${option.short}\`` : '',
      `\`--${option.name}${option.value ? ` ${option.value}` : ''}\``,
    ]
      .filter(Boolean)
      .join(', ');
    return `| ${names} | ${markdownText(details(option))} |`;
  });
  return [
    `\`${command.usage}\``,
    '',
    markdownText(command.description),
    '',
    '| Option | Description |',
    '| --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
