/**
 * The shell view of a shell-form command string: top-level lists, commands, hazards and errors as plain data.
 */
import { scanCommands } from './commands.js';
import { trailingComment } from './comments.js';
import { shellDialect, type ShellDialect } from './dialect.js';
import { parseErrors, reservedWordErrors } from './errors.js';
import { topLevelItems } from './lists.js';
import { readShellTree } from './tree.js';
import type { PosixShellView, ShellHazard, ShellListItem, ShellView, ShellViewOptions } from './types.js';

/**
 * Reads a shell-form command string (continuations already joined). Needs `await loadShellParser()` first.
 * Under a non-POSIX `SHELL` nothing is parsed and the only hazard is `non-posix-shell`.
 */
export function shellView(text: string, options: ShellViewOptions = {}): ShellView {
  const shell = options.shell && options.shell.length > 0 ? [...options.shell] : null;
  const dialect = shellDialect(shell);
  if (!dialect.posix) {
    const reason = dialect.reason ?? `SHELL ${JSON.stringify(shell)} is not a POSIX shell`;
    return {
      ...empty(text, shell),
      posix: false,
      reason,
      hazards: [
        { type: 'hazard', kind: 'non-posix-shell', command: dialect.name, reason, text, start: 0, end: text.length },
      ],
    };
  }
  try {
    return posixView(text, shell, dialect);
  } catch (error) {
    // Deeper than the stack allows: tens of thousands of commands in one and-or list. Declined, never thrown.
    if (!(error instanceof RangeError)) throw error;
    const message = 'The shell text is nested too deeply for layerfix to read';
    return {
      ...empty(text, shell),
      posix: true,
      hazards: [
        { type: 'hazard', kind: 'parse-error', command: null, reason: message, text, start: 0, end: text.length },
      ],
      errors: [{ type: 'error', kind: 'unexpected', message, text, start: 0, end: text.length }],
    };
  }
}

/** The view of text under a POSIX shell. */
function posixView(text: string, shell: string[] | null, dialect: ShellDialect): PosixShellView {
  const root = readShellTree(text);
  const lists = topLevelItems(root, text);
  const { commands, hazards, compounds } = scanCommands(root, text, dialect);
  const errors = [...parseErrors(root, text), ...reservedWordErrors(commands)].sort((a, b) => a.start - b.start);
  const comment = trailingComment(root, text);
  for (const command of commands) command.item = itemIndex(lists, command.start, command.end);
  hazards.push(...listHazards(lists));
  if (comment) {
    hazards.push({
      type: 'hazard',
      kind: 'comment',
      command: null,
      reason: 'ends with a comment, which would swallow anything joined after it on the same line',
      ...comment,
    });
  }
  for (const error of errors) {
    hazards.push({
      type: 'hazard',
      kind: 'parse-error',
      command: null,
      reason: error.message,
      text: error.text,
      start: error.start,
      end: error.end,
    });
  }
  hazards.sort((a, b) => a.start - b.start || a.end - b.end);
  const separators = lists.slice(0, -1).map((item) => item.operator?.value);
  return {
    type: 'shell-view',
    text,
    shell,
    posix: true,
    lists,
    commands,
    compounds,
    hazards,
    trailingComment: comment,
    hasTopLevelOr: separators.includes('||'),
    hasTopLevelSequence: separators.includes(';') || separators.includes('\n'),
    hasTopLevelBackground: lists.some((item) => item.operator?.value === '&'),
    errors,
  };
}

function empty(text: string, shell: string[] | null): Omit<ShellView, 'posix'> {
  return {
    type: 'shell-view',
    text,
    shell,
    lists: [],
    commands: [],
    compounds: [],
    hazards: [],
    trailingComment: null,
    hasTopLevelOr: false,
    hasTopLevelSequence: false,
    hasTopLevelBackground: false,
    errors: [],
  };
}

function itemIndex(items: ShellListItem[], start: number, end: number): number | null {
  const index = items.findIndex((item) => item.start <= start && end <= item.end);
  return index === -1 ? null : index;
}

function listHazards(items: ShellListItem[]): ShellHazard[] {
  const hazards: ShellHazard[] = [];
  items.forEach((item, index) => {
    const operator = item.operator;
    if (!operator) return;
    const last = index === items.length - 1;
    if (operator.value === '&') {
      hazards.push({
        type: 'hazard',
        kind: 'background',
        command: null,
        reason: last
          ? 'ends with `&`: its last command runs in the background, and the build neither waits for it nor sees it fail'
          : 'runs a command in the background with `&`, and the build neither waits for it nor sees it fail',
        text: operator.text,
        start: operator.start,
        end: operator.end,
      });
    } else if (!last && (operator.value === ';' || operator.value === '\n')) {
      const shown = operator.value === ';' ? '`;`' : 'a newline';
      hazards.push({
        type: 'hazard',
        kind: 'sequence',
        command: null,
        reason: `runs the next command after ${shown} even when the one before fails, so joining it to another command with \`&&\` changes which failures stop the build`,
        text: operator.text,
        start: operator.start,
        end: operator.end,
      });
    }
  });
  return hazards;
}
