/**
 * Process one file on whichever thread runs it: read, run the pipeline, and describe the result as plain data.
 * Nothing here writes to disk: the calling thread writes, so an interrupted run leaves no half-written file.
 */
import type { BuildInfo, BuildPlan } from '../build-context/index.js';
import type { LayerfixMessage, PrinterOptions, TransformSetting } from '../engine/index.js';
import { lineReplacements, unifiedDiff } from './changes.js';
import { failure } from './failure.js';
import { readDockerfileSync, type ReadProblem } from './read.js';
import type { FileMessage, Replacement } from './types.js';

/** The pipeline options of one file as plain data (plugins travel as module paths). */
export interface FileSettings extends Partial<PrinterOptions> {
  transforms: Record<string, TransformSetting>;
  only?: string[];
  skip?: string[];
  /** Absolute paths of the plugin modules to load. */
  plugins: string[];
  /** How the file is built: the build context chosen, or how to find it from the file's COPY sources. */
  build?: BuildPlan;
}

/** One unit of work: which file, how to transform it and what to send back. */
export interface FileTask {
  /** Where to read the file (absolute); also where the pipeline finds its build context. */
  path: string;
  /** The path shown in diffs and messages. */
  display: string;
  settings: FileSettings;
  want: { diff?: boolean; output?: boolean; input?: boolean; fixes?: boolean };
  /** The text, when it does not come from disk (stdin). */
  text?: string;
  /** Fail with `timeout` when the transforms run longer than this (the pipeline checks it as it goes). */
  timeoutMs?: number;
}

/** The outcome of one task. */
export interface ProcessedFile {
  status: 'changed' | 'unchanged' | 'error';
  messages: FileMessage[];
  changes: Record<string, number>;
  diff?: string;
  output?: string;
  input?: string;
  replacements?: Replacement[];
  /** The build context the file was given, and where it came from. */
  build?: BuildInfo;
  /** Size and modification time of the file as read, to refuse a write when it changed meanwhile. */
  size?: number;
  mtimeMs?: number;
}

function toFileMessage(m: LayerfixMessage, origins: Map<string, string>): FileMessage {
  const place = m.place && 'start' in m.place ? m.place : undefined;
  const plugin = m.kind === 'error' && m.ruleId ? origins.get(m.ruleId) : undefined;
  return {
    kind: m.kind,
    ruleId: m.ruleId ?? 'layerfix',
    message: plugin ? `Plugin ${plugin}: ${m.reason}` : m.reason,
    ...(m.planned !== undefined ? { planned: m.planned } : {}),
    ...(m.rule !== undefined ? { rule: m.rule } : {}),
    line: m.line ?? 1,
    column: m.column ?? 1,
    ...(place?.end ? { endLine: place.end.line, endColumn: place.end.column } : {}),
    ...(m.url ? { url: m.url } : {}),
  };
}

/** Run the pipeline on one file. Never throws: every failure becomes an `error` result. */
export async function processFile(task: FileTask): Promise<ProcessedFile> {
  let text = task.text;
  let size: number | undefined;
  let mtimeMs: number | undefined;
  if (text === undefined) {
    const read = readDockerfileSync(task.path);
    if ('ruleId' in read) return failure((read as ReadProblem).ruleId, read.message, read.line, read.column);
    ({ text, size, mtimeMs } = read);
  }
  const origins = new Map<string, string>();
  const plugins = [];
  for (const path of task.settings.plugins) {
    try {
      const { loadPluginModule } = await import('../config/plugins.js');
      for (const transform of await loadPluginModule(path)) {
        origins.set(transform.name, path);
        plugins.push(transform);
      }
    } catch (error) {
      return failure('plugin-error', `Plugin ${path} failed to load: ${(error as Error)?.message ?? error}`);
    }
  }
  try {
    const { transform } = await import('../registry.js');
    const { plugins: _paths, build: plan, ...options } = task.settings;
    const { resolveBuild } = await import('../build-context/fallback.js');
    const { settings: build, info } = resolveBuild(plan, text, task.path);
    const result = await transform(text, {
      ...options,
      plugins,
      path: task.path,
      build,
      ...(task.timeoutMs !== undefined ? { timeoutMs: task.timeoutMs } : {}),
    });
    const messages = result.messages.map((m) => toFileMessage(m, origins));
    const changes: Record<string, number> = {};
    if (result.status === 'changed') {
      for (const m of messages) if (m.kind === 'change') changes[m.ruleId] = (changes[m.ruleId] ?? 0) + 1;
    }
    const out: ProcessedFile = { status: result.status, messages, changes, size, mtimeMs };
    if (info) out.build = info;
    if (task.want.input) out.input = text;
    if (task.want.output) out.output = result.text;
    if (result.changed && task.want.diff) out.diff = await unifiedDiff(task.display, text, result.text);
    if (result.changed && task.want.fixes) out.replacements = await lineReplacements(text, result.text);
    return out;
  } catch (error) {
    const message =
      error instanceof Error
        ? `${error.name === 'OptionsError' ? '' : `${error.name}: `}${error.message}`
        : String(error);
    return failure(error instanceof Error && error.name === 'OptionsError' ? 'config' : 'internal-error', message);
  }
}
