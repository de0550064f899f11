/**
 * Which shell a `SHELL` array names, and whether its text can be read as POSIX shell.
 */

/** The shell a `SHELL` array runs, as far as the shell view cares. */
export interface ShellDialect {
  /** The program's base name, lower-cased, without `.exe` (`sh`, `bash`, `powershell`, `cmd`). */
  name: string;
  posix: boolean;
  /** Why the text cannot be read as POSIX shell; null when it can. */
  reason: string | null;
  /** True when the last command of a pipeline runs in the current shell (zsh, ksh), so its state changes last. */
  lastPipeInCurrentShell: boolean;
}

const POSIX_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'ksh93', 'mksh', 'pdksh', 'yash', 'posh']);
const LAST_PIPE_SHELLS = new Set(['zsh', 'ksh', 'ksh93', 'mksh', 'pdksh']);
const WRAPPERS = new Set(['env', 'busybox']);

/** Reads the shell named by a Dockerfile `SHELL` array; no array (or an empty one) means the default `/bin/sh -c`. */
export function shellDialect(shell?: readonly string[] | null): ShellDialect {
  if (!shell || shell.length === 0) return { name: 'sh', posix: true, reason: null, lastPipeInCurrentShell: false };
  let index = 0;
  let name = programName(shell[0] ?? '');
  // `["/usr/bin/env", "bash", "-c"]` and `["busybox", "sh", "-c"]` run the program named next.
  while (WRAPPERS.has(name) && index + 1 < shell.length) {
    index++;
    const next = shell[index] ?? '';
    if (next.startsWith('-') || next.includes('=')) continue;
    name = programName(next);
  }
  if (POSIX_SHELLS.has(name)) {
    return { name, posix: true, reason: null, lastPipeInCurrentShell: LAST_PIPE_SHELLS.has(name) };
  }
  const shown = JSON.stringify(shell);
  const reason =
    name === 'powershell' || name === 'pwsh'
      ? `SHELL ${shown} runs PowerShell, not a POSIX shell`
      : name === 'cmd'
        ? `SHELL ${shown} runs cmd.exe, not a POSIX shell`
        : `SHELL ${shown} runs ${name || 'an unnamed program'}, which is not a known POSIX shell (sh, bash, ash, dash, zsh, ksh)`;
  return { name, posix: false, reason, lastPipeInCurrentShell: false };
}

function programName(program: string): string {
  const base = program.split(/[\\/]/).pop() ?? '';
  return base.toLowerCase().replace(/\.exe$/, '');
}
