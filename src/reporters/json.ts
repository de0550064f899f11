/**
 * The JSON report: every file with its status, diff and messages, then the summary, as one JSON document.
 */
import type { FileResult, FilesReport } from '../runner/types.js';
import { buildJson } from './build.js';
import { messageText } from './message.js';
import type { Reporter, ReporterContext } from './types.js';

/** The JSON document of a run. */
export function jsonDocument(
  report: FilesReport,
  context: Pick<ReporterContext, 'mode' | 'version'> & { cwd?: string },
): unknown {
  return {
    tool: 'layerfix',
    version: context.version,
    mode: context.mode,
    files: report.files.map((file: FileResult) => ({
      path: file.path,
      status: file.status,
      written: file.written,
      changes: file.changes,
      ...(file.diff !== undefined ? { diff: file.diff } : {}),
      ...(file.build ? { build: buildJson(file.build, context.cwd ?? process.cwd()) } : {}),
      // Each change in the tense of what happened: written, or only found.
      messages: file.messages.map((message) => {
        const { planned: _planned, ...rest } = message;
        return { ...rest, message: messageText(message, file.written) };
      }),
    })),
    summary: report.summary,
  };
}

/** The JSON reporter: prints the whole document at the end. */
export function jsonReporter(context: ReporterContext): Reporter {
  return {
    file() {},
    end(report) {
      context.out.write(`${JSON.stringify(jsonDocument(report, context), null, 2)}\n`);
    },
  };
}
