/**
 * A reader for the top level of small YAML configuration files (`pnpm-workspace.yaml`, `.yarnrc.yml`): each top-level
 * key with its scalar, its list of scalars (block or flow) or its one-level map of scalars. Deeper structure is read
 * as absent; anchors, tags and multi-document files are not supported.
 */

/** A top-level YAML value as read. */
export type YamlTopValue = string | string[] | Record<string, string> | undefined;

/** Read the top-level keys of a YAML mapping. */
export function parseYamlTop(text: string): Record<string, YamlTopValue> {
  const out: Record<string, YamlTopValue> = {};
  let key: string | undefined;
  for (const raw of text.replace(/^\ufeff/, '').split(/\r?\n/)) {
    const line = stripComment(raw);
    if (!line.trim() || line.trim() === '---') continue;
    const indent = /^ */.exec(line)![0].length;
    if (indent === 0) {
      const match = /^("[^"]*"|'[^']*'|[^:]+):(?:\s+(.*))?$/.exec(line.trimEnd());
      key = match ? unquote(match[1]) : undefined;
      if (!key || !match) continue;
      const rest = match[2]?.trim();
      out[key] = rest ? (rest.startsWith('[') ? flowList(rest) : unquote(rest)) : undefined;
      continue;
    }
    if (key === undefined) continue;
    const item = /^\s*-\s+(.*)$/.exec(line);
    const current = out[key];
    if (item && (current === undefined || Array.isArray(current))) {
      out[key] = [...(current ?? []), unquote(item[1].trim())];
      continue;
    }
    const pair = /^\s*("[^"]*"|'[^']*'|[^:]+):\s+(.+)$/.exec(line);
    if (pair && (current === undefined || (typeof current === 'object' && !Array.isArray(current)))) {
      out[key] = { ...(current ?? {}), [unquote(pair[1].trim())]: unquote(pair[2].trim()) };
    }
  }
  return out;
}

function stripComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i);
  }
  return line;
}

function unquote(text: string): string {
  const t = text.trim();
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) return t.slice(1, -1);
  return t;
}

function flowList(text: string): string[] {
  const inner = text.replace(/^\[/, '').replace(/\]$/, '');
  return inner
    .split(',')
    .map((item) => unquote(item))
    .filter(Boolean);
}

/** The top-level value as a list of strings (a scalar becomes a list of one). */
export function yamlList(value: YamlTopValue): string[] {
  if (Array.isArray(value)) return value;
  return typeof value === 'string' && value ? [value] : [];
}
