/**
 * GitHub Actions workflow commands: one annotation per message, shown on the pull request's diff.
 */
import type { FileMessage, FileResult } from '../runner/types.js';
import { messageText, ruleName } from './message.js';
import { formatSummary } from './summary.js';
import { fixHint } from './text.js';
import type { Reporter, ReporterContext } from './types.js';

/** Escape the data of a workflow command. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a property of a workflow command. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function level(message: FileMessage, context: ReporterContext): 'error' | 'warning' | 'notice' | undefined {
  if (message.kind === 'error') return 'error';
  if (context.quiet) return undefined;
  if (message.kind === 'warning' || message.kind === 'finding') return 'warning';
  if (message.kind === 'change') return context.mode === 'write' ? 'notice' : 'warning';
  return context.explain ? 'notice' : undefined;
}

/** One workflow command for a message of a file, or undefined when it is not reported. */
export function annotation(file: FileResult, message: FileMessage, context: ReporterContext): string | undefined {
  const kind = level(message, context);
  if (!kind) return undefined;
  const props = [`file=${escapeProperty(file.path)}`, `line=${message.line}`, `col=${message.column}`];
  if (message.endLine) props.push(`endLine=${message.endLine}`);
  props.push(`title=${escapeProperty(`layerfix ${ruleName(message)}`)}`);
  return `::${kind} ${props.join(',')}::${escapeData(messageText(message, file.written))}`;
}

/** The GitHub reporter: annotations on stdout as files finish, the summary on stderr. */
export function githubReporter(context: ReporterContext): Reporter {
  const changed: string[] = [];
  return {
    file(result) {
      if (result.status === 'changed') changed.push(result.path);
      for (const message of result.messages) {
        const line = annotation(result, message, context);
        if (line) context.out.write(`${line}\n`);
      }
    },
    end(report) {
      if (context.quiet) return;
      context.err.write(`${formatSummary(report.summary, context.mode)}\n`);
      const hint = fixHint(context, changed);
      if (hint) context.err.write(`${hint}\n`);
    },
  };
}
