/**
 * `testTransform`: cases written inline, in the style of eslint's RuleTester and hadolint's "ok with" / "not ok with".
 */
import type { AnyTransform } from '../engine/index.js';
import { checkCase, type TransformCase } from './check.js';
import { testFunction, type TestFunction } from './runner.js';

/** A case the transform must leave unchanged: the Dockerfile text, or the text with options and messages. */
export type ValidCase =
  | string
  | {
      name?: string;
      input: string;
      /** The transform's options (printer options such as `printWidth` go to the printer). */
      options?: Record<string, unknown>;
      /** Expected messages, each `line:column kind: reason` (e.g. `3:1 skip: Kept RUN ...`); omitted: not checked. */
      messages?: string[];
    };

/** A case the transform must change into `output` (which must differ from `input`). */
export interface InvalidCase {
  name?: string;
  input: string;
  output: string;
  options?: Record<string, unknown>;
  /** Expected messages, each `line:column kind: reason`; omitted: not checked. */
  messages?: string[];
}

/** The inline cases of one transform. */
export interface TransformCases {
  valid?: ValidCase[];
  invalid?: InvalidCase[];
}

/** How `testTransform` registers its cases. */
export interface TestTransformOptions {
  /** The runner's test function (uvu's `test`, node:test's `test`, ...); default node:test's `test`. */
  test?: TestFunction;
}

function caseName(kind: string, index: number, given: string | undefined, input: string): string {
  const firstLine =
    input
      .split(/\r?\n/)
      .find((line) => line.trim())
      ?.trim() ?? '(empty)';
  return given ?? `${kind} #${index + 1}: ${firstLine.length > 60 ? `${firstLine.slice(0, 57)}...` : firstLine}`;
}

const joinMessages = (messages?: string[]) =>
  messages === undefined ? undefined : messages.map((m) => `${m}\n`).join('');

/** The inline cases as plain test cases, named `valid #1: <first line>` unless they have a name. Throws for an invalid case without an output. */
export function inlineCases(cases: TransformCases): TransformCase[] {
  const valid = (cases.valid ?? []).map((c, i): TransformCase => {
    const item = typeof c === 'string' ? { input: c } : c;
    return {
      name: caseName('valid', i, item.name, item.input),
      input: item.input,
      options: item.options,
      messages: joinMessages(item.messages),
    };
  });
  const invalid = (cases.invalid ?? []).map((c, i): TransformCase => {
    const name = caseName('invalid', i, c.name, c.input);
    if (typeof c.output !== 'string')
      throw new TypeError(`Invalid case "${name}" needs an output (a case that must not change belongs under valid)`);
    return { name, input: c.input, output: c.output, options: c.options, messages: joinMessages(c.messages) };
  });
  return [...valid, ...invalid];
}

/**
 * Register one test per inline case: valid cases must come back unchanged, invalid ones as their output; each also
 * passes the fixture harness's checks (round-trip, options, idempotence, CRLF, BOM). An invalid case whose output
 * equals its input fails; one without an output throws at once.
 */
export function testTransform(
  transform: AnyTransform,
  cases: TransformCases,
  options: TestTransformOptions = {},
): void {
  const list = inlineCases(cases);
  if (list.length === 0) throw new Error(`testTransform(${transform.name}): no valid or invalid cases given`);
  const test = testFunction(options.test);
  for (const item of list) {
    test(`${transform.name}: ${item.name}`, () => checkCase(transform, item));
  }
}
