/**
 * Whether to colour output: `NO_COLOR` turns it off, `FORCE_COLOR` on, otherwise only on a terminal.
 */

/** A stream that may be a terminal. */
export interface MaybeTTY {
  isTTY?: boolean;
}

/**
 * Whether output to `stream` should be coloured under `env` (https://no-color.org, FORCE_COLOR); `forced` (`--color`
 * or `--no-color`) decides over both.
 */
export function colorEnabled(env: Record<string, string | undefined>, stream: MaybeTTY, forced?: boolean): boolean {
  if (forced !== undefined) return forced;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}
