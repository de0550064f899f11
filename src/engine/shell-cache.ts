/**
 * Shell views shared by every file a process rewrites. Parsing shell is most of a transform run's cost, and the
 * Dockerfiles of one repository repeat the same RUN text (`apt-get update`, the same install line in every variant).
 * A view depends only on its text and the shell in effect; cached views are frozen, so no transform can change one
 * under another file.
 */
import { shellView, type ShellView, type ShellViewOptions } from '../shell/index.js';

/**
 * How many characters of shell text the cache holds views for before it drops the oldest: a view takes about 23 bytes
 * per character of its text (measured over the corpus), so about 25 MB at most; the corpus's distinct RUN text is
 * 0.3 M characters.
 */
export const SHELL_CACHE_CHARS = 1024 * 1024;

const views = new Map<string, ShellView>();
let cachedChars = 0;

/** The shell view of `text`, from the cache when the same text under the same shell was read before. */
export function cachedShellView(text: string, options: ShellViewOptions = {}): ShellView {
  const key = options.shell?.length ? `${JSON.stringify(options.shell)}\0${text}` : text;
  const hit = views.get(key);
  if (hit) return hit;
  const view = deepFreeze(shellView(text, options));
  views.set(key, view);
  cachedChars += key.length;
  for (const oldest of views.keys()) {
    if (cachedChars <= SHELL_CACHE_CHARS) break;
    views.delete(oldest);
    cachedChars -= oldest.length;
  }
  return view;
}

/** Freezes a view and everything in it: one file's transform (or plugin) must not change what the next file sees. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** Forgets every cached view (benchmarks call it between passes so that each pass starts cold). */
export function clearShellViewCache(): void {
  views.clear();
  cachedChars = 0;
}
