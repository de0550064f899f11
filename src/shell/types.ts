/**
 * The shell view: plain data read off a shell-form command string (a `RUN`, `CMD`, `ENTRYPOINT` or
 * `HEALTHCHECK CMD` after continuations are joined) by the tree-sitter-bash grammar.
 *
 * Every `start`/`end` is a JS string index into the text given to `shellView`, end exclusive, so
 * `text.slice(start, end) === node.text` always holds.
 */

/** A half-open range `[start, end)` of JS string indices into the shell text, with the text it covers. */
export interface ShellSpan {
  text: string;
  start: number;
  end: number;
}

/** A shell word (an argument, a command name, a value), with its static value when it has one. */
export interface ShellWord extends ShellSpan {
  type: 'word';
  /** The tree-sitter node type: `word`, `string`, `raw_string`, `concatenation`, `simple_expansion`, ... */
  node: string;
  /**
   * The word after quote removal when it contains no expansion or substitution (`"a b"` -> `a b`, `\$x` -> `$x`);
   * null when its value is only known at run time. Globs, braces and `~` are left as written.
   */
  value: string | null;
}

/** A variable assignment: a prefix of a command (`FOO=1 make`), a bare one (`FOO=1`) or an argument of `export`. */
export interface ShellAssignment extends ShellSpan {
  type: 'assignment';
  /** The variable name as written, including any subscript (`A[1]`). */
  name: string;
  operator: '=' | '+=';
  /** The assigned value; null when empty (`FOO=`). */
  value: ShellWord | null;
}

/** A redirection of a command (`> file`, `2>&1`, `<<EOF`, `<<< word`). */
export interface ShellRedirect extends ShellSpan {
  type: 'redirect';
  /** The operator: `>`, `>>`, `<`, `>&`, `&>`, `<<`, `<<-`, `<<<`, ... */
  operator: string;
  /** The file descriptor written before the operator (`2` in `2>&1`), or null. */
  descriptor: string | null;
  /** The file, descriptor, heredoc delimiter or here-string; null when missing. */
  target: ShellWord | null;
}

/** The constructs a command can be nested in, outermost first in `ShellCommand.context`. */
export type ShellContextKind =
  | 'subshell'
  | 'brace-group'
  | 'arithmetic'
  | 'command-substitution'
  | 'process-substitution'
  | 'pipeline'
  | 'background'
  | 'function'
  | 'if'
  | 'while'
  | 'until'
  | 'for'
  | 'select'
  | 'case'
  | 'negation'
  | 'heredoc'
  | 'error';

/** A simple command anywhere in the text. */
export interface ShellCommand extends ShellSpan {
  type: 'command';
  /**
   * How the grammar read it: `simple` (`make -j4`), `declaration` (`export`, `declare`, `local`, `readonly`,
   * `typeset`), `unset`, `test` (`[ ... ]`, `[[ ... ]]`) or `assignment` (only assignments, like `FOO=1`).
   */
  form: 'simple' | 'declaration' | 'unset' | 'test' | 'assignment';
  /** The command name; null for a command made only of assignments (`FOO=1`). */
  name: ShellWord | null;
  /** The argument words in order (for `test`, the operands and operators between the brackets). */
  args: ShellWord[];
  /** Assignments: the prefixes of a simple command, the arguments of `export A=1`, or the whole bare assignment. */
  assignments: ShellAssignment[];
  /** Redirections written on this command. */
  redirects: ShellRedirect[];
  /**
   * True when it runs in the shell of the instruction itself, so any state it changes lasts for what follows: not in
   * a subshell, a command or process substitution, a background job, a function body or (except under zsh/ksh, for
   * the last command) a pipeline of two or more commands.
   */
  topLevel: boolean;
  /** The constructs it is nested in, outermost first (empty for a plain top-level command). */
  context: ShellContextKind[];
  /** The index in `ShellView.lists` of the top-level item that contains it, or null. */
  item: number | null;
}

/** An operator that follows a top-level item. `\n` is a newline that ends a command. */
export type ShellOperator = '&&' | '||' | ';' | '&' | '|' | '|&' | '\n';

/** An operator token between (or after) top-level items. */
export interface ShellOperatorToken extends ShellSpan {
  type: 'operator';
  value: ShellOperator;
}

/** One item of the top-level list: a pipeline element or and-or list element of the text's outermost level. */
export interface ShellListItem extends ShellSpan {
  type: 'item';
  /**
   * The tree-sitter node type of the item: `command`, `subshell`, `compound_statement`, `if_statement`, ... (for
   * `cmd > f`, the type of `cmd`). Redirects written after an item are part of it; a heredoc body is part of the item
   * only when nothing follows the item on its line (`cat <<EOF && b` ends `cat <<EOF` before the body).
   */
  node: string;
  /** The operator that follows this item, or null for the last one when nothing follows it. */
  operator: ShellOperatorToken | null;
  /** True when it is part of a pipeline (`|` or `|&` before or after it). */
  inPipeline: boolean;
}

/** What a hazard is about. */
export type ShellHazardKind =
  | 'cd'
  | 'export'
  | 'unset'
  | 'set'
  | 'shopt'
  | 'umask'
  | 'source'
  | 'alias'
  | 'exec'
  | 'trap'
  | 'ulimit'
  | 'declare'
  | 'read'
  | 'eval'
  | 'exit'
  | 'assignment'
  | 'function'
  | 'loop-variable'
  | 'comment'
  | 'sequence'
  | 'background'
  | 'heredoc'
  | 'parse-error'
  | 'non-posix-shell';

/** Something that makes it unsafe to join this text with another command or move it. */
export interface ShellHazard extends ShellSpan {
  type: 'hazard';
  kind: ShellHazardKind;
  /** The command name behind the hazard (`cd`, `export`, `for`), when there is one. */
  command: string | null;
  /** Why it matters, in a phrase that reads after "this command ...": e.g. "changes the working directory with cd". */
  reason: string;
}

/** A parse error: an ERROR node (text the grammar could not place) or a MISSING node (an expected token). */
export interface ShellError extends ShellSpan {
  type: 'error';
  kind: 'unexpected' | 'missing';
  message: string;
}

/**
 * What a compound command expands or redirects itself, apart from its simple commands: the word list of a `for` or
 * `select` and the subject of a `case` (expanded, globs included), and the redirections of `{ }`, `( )`, `if`, loops
 * and `case` (`{ echo a; echo b; } > /etc/x`).
 */
export interface ShellCompound extends ShellSpan {
  words: ShellWord[];
  redirects: ShellRedirect[];
  /** Whether it runs in the instruction's own shell. */
  topLevel: boolean;
  /** The constructs it is nested in, outermost first. */
  context: ShellContextKind[];
}

/** Fields shared by every shell view. */
export interface ShellViewBase {
  type: 'shell-view';
  /** The text that was read; all offsets index into it. */
  text: string;
  /** The shell the text runs under (the `SHELL` array), or null for the default `/bin/sh -c`. */
  shell: string[] | null;
  /** The top-level items in order, each with the operator that follows it. */
  lists: ShellListItem[];
  /** Every simple command, in source order. */
  commands: ShellCommand[];
  /** The words and redirections of compound commands, in source order. */
  compounds: ShellCompound[];
  /** Everything that makes joining or moving this text unsafe, in source order. */
  hazards: ShellHazard[];
  /** The comment that ends the text at the top level (`echo hi # note`), or null. */
  trailingComment: ShellSpan | null;
  /** True when `||` joins two top-level items. */
  hasTopLevelOr: boolean;
  /** True when `;` or a newline separates two top-level items. */
  hasTopLevelSequence: boolean;
  /** True when a top-level item runs in the background (`&`). */
  hasTopLevelBackground: boolean;
  /** Parse errors, in source order. */
  errors: ShellError[];
}

/** The view of text that runs under a POSIX shell and was parsed. */
export interface PosixShellView extends ShellViewBase {
  posix: true;
}

/** The view of text that runs under a non-POSIX shell (PowerShell, cmd): nothing is parsed. */
export interface NonPosixShellView extends ShellViewBase {
  posix: false;
  /** Why the text was not read as POSIX shell. */
  reason: string;
}

/** A plain-data view of a shell-form command string. */
export type ShellView = PosixShellView | NonPosixShellView;

/** Options of `shellView`. */
export interface ShellViewOptions {
  /** The Dockerfile's `SHELL` JSON array (`["/bin/bash", "-o", "pipefail", "-c"]`); the default is `/bin/sh -c`. */
  shell?: string[] | null;
}
