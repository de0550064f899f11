/**
 * The one thing the testing kit needs from a test runner: a function that registers a named, possibly async test.
 */
import { createRequire } from 'node:module';

/**
 * Registers one test: node:test's `test` or `it`, uvu's `test` or a `suite(...)`, vitest's or jest's `test`/`it`.
 * The kit calls it once per case with a name and an async body that throws an AssertionError on failure.
 */
export type TestFunction = (name: string, body: () => Promise<void>) => unknown;

/** The given test function, or node:test's `test` (loaded only when none is given, so other runners never load it). */
export function testFunction(given?: TestFunction): TestFunction {
  if (given) return given;
  const nodeTest = createRequire(import.meta.url)('node:test') as { test: TestFunction };
  return nodeTest.test;
}
