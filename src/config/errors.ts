/**
 * Errors in configuration files and command-line arguments: they stop a run before any file is touched.
 */

/**
 * A configuration (or arguments) that is not valid: one or more problems, each naming the file, the key and what was
 * expected. A run lists every problem it found, not only the first.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  /** Each problem, one line each. */
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[]) {
    const list = typeof problems === 'string' ? [problems] : [...new Set(problems)];
    super(list.join('\n'));
    this.problems = list;
  }
}

/** Collects configuration problems, to report them all at once. */
export class ConfigProblems {
  readonly list: string[] = [];

  /** Run `fn`; a ConfigError it throws is collected instead (other errors pass through). Returns what `fn` returned. */
  collect<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.add(error);
      return undefined;
    }
  }

  /** `collect` for a promise. */
  async collectAsync<T>(promise: Promise<T>): Promise<T | undefined> {
    try {
      return await promise;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.add(error);
      return undefined;
    }
  }

  /** Add a problem, or the problems of a ConfigError (each once). */
  add(problem: string | ConfigError): void {
    for (const p of typeof problem === 'string' ? [problem] : problem.problems)
      if (!this.list.includes(p)) this.list.push(p);
  }

  /** Throw a ConfigError listing every problem, when there is any. */
  throwIfAny(): void {
    if (this.list.length) throw new ConfigError(this.list);
  }
}
