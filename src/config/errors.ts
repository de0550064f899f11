/**
 * Errors in configuration files and command-line arguments: they stop a run before any file is touched.
 */

/** A configuration (or argument) that is not valid; the message names the file, the key and what was expected. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
