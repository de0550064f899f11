/** What NODE_OPTIONS makes every Node.js process load before it runs. */

/** The option words of NODE_OPTIONS that name a module or file to load (`--require x`, `-r x`, `--import=x` ...). */
const LOADING =
  /^(?:--require|-r|--import|--loader|--experimental-loader|--env-file|--env-file-if-exists|--openssl-config|--icu-data-dir)(?:=(.*))?$/;

/**
 * The modules and files a NODE_OPTIONS value makes Node.js load, as written, quotes removed: a path (`./x`, `/x`) or
 * a package's name, which Node.js finds in node_modules from the working directory up.
 */
export function nodeOptionFiles(options: string): string[] {
  const words = options.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const match = LOADING.exec(words[i]);
    if (!match) continue;
    const value = match[1] ?? words[++i];
    if (value !== undefined) out.push(value.replace(/^["']|["']$/g, ''));
  }
  return out;
}
