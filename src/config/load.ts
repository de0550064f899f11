/**
 * Read one configuration file into plain data: JSON directly (no loader to import, and errors placed at their line
 * and column), everything else through cosmiconfig's loaders (YAML, JavaScript) with jiti for TypeScript.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ConfigError } from './errors.js';
import { importModule } from './import-module.js';

type Explorer = { load(path: string): Promise<{ config: unknown } | null> };
let explorer: Explorer | undefined;

async function cosmiconfigLoad(path: string): Promise<unknown> {
  if (!explorer) {
    const { cosmiconfig } = await import('cosmiconfig');
    const ts = (file: string) => importModule(file);
    explorer = cosmiconfig('layerfix', {
      searchStrategy: 'none',
      cache: false,
      loaders: { '.ts': ts, '.mts': ts, '.cts': ts },
    });
  }
  const result = await explorer.load(path);
  return result?.config ?? {};
}

/** The first line of an error's message that is not a heading or a code frame, for one-line reports. */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const useful = (line: string) =>
    line.trim() && !/^(JSON|YAML) Error in /.test(line) && !/^\s*(>|\|)|^\s*\d+ \|/.test(line);
  return text.split('\n').find(useful)?.trim() ?? text;
}

/** A JSON syntax error as `path:line:col: message`, placed from the position JSON.parse reports. */
function jsonError(path: string, text: string, error: SyntaxError): ConfigError {
  const at = /at position (\d+)/.exec(error.message);
  const offset = at ? Number(at[1]) : 0;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  const reason = error.message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/^Unexpected end of JSON input$/, 'Unexpected end of the file');
  return new ConfigError(`${path}:${line}:${column}: cannot load the configuration: invalid JSON: ${reason}`);
}

/** Load a configuration file as raw data (not yet validated). Throws ConfigError naming the file. */
export async function loadConfigFile(path: string): Promise<unknown> {
  const name = basename(path);
  try {
    if (name === 'package.json' || name.endsWith('.json')) {
      const text = readFileSync(path, 'utf8');
      let data;
      try {
        data = JSON.parse(text);
      } catch (error) {
        throw error instanceof SyntaxError ? jsonError(path, text, error) : error;
      }
      return (name === 'package.json' ? data?.layerfix : data) ?? {};
    }
    const data = await cosmiconfigLoad(path);
    return data === null || data === undefined ? {} : data;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`${path}: cannot load the configuration: ${firstLine(error)}`);
  }
}
