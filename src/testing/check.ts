/**
 * The checks every test case of a transform goes through, whether it comes from a fixture folder or is written inline.
 */
import { strict as assert } from 'node:assert';
import { pipelineWith } from '../registry.js';
import type { AnyTransform } from '../engine/index.js';
import { parse, print } from '../syntax/index.js';
import { applyTransform, formatMessages, optionsFor } from './apply.js';

/** One test case of a transform. */
export interface TransformCase {
  /** Names the case in failure messages. */
  name: string;
  input: string;
  /** Expected output; undefined means the input must come back unchanged. Equal to the input is an error. */
  output?: string;
  /** The transform's options (printer options such as `printWidth` go to the printer). */
  options?: Record<string, unknown>;
  /** Expected messages in the fixture format, one `line:column kind: reason` per line; undefined: not checked. */
  messages?: string;
  /** Where the Dockerfile is on disk, for transforms that read its build context; undefined: the text has no path. */
  path?: string;
}

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

/**
 * Check one case and throw an AssertionError saying what differs. Beyond the expected output and messages, it checks
 * that the input round-trips through the parser, the options validate, a second run changes nothing, and the case
 * passes again with CRLF line endings and with a byte-order mark.
 */
export async function checkCase(subject: AnyTransform, testCase: TransformCase): Promise<void> {
  const where = `${subject.name}/${testCase.name}`;
  const options = testCase.options ?? {};
  assert.equal(print(parse(testCase.input)), testCase.input, `${where}: input does not round-trip`);
  assert.doesNotThrow(() => {
    const { plugins, ...rest } = optionsFor(subject, options);
    pipelineWith(plugins).enabled(rest);
  }, `${where}: options do not validate`);
  if (testCase.output !== undefined) {
    assert.notEqual(
      testCase.output,
      testCase.input,
      `${where}: the expected output equals the input; say "must not change" by giving no output instead`,
    );
  }
  const result = await applyTransform(subject, testCase.input, options, testCase.path);
  const expected = testCase.output ?? testCase.input;
  assert.equal(
    result.text,
    expected,
    `${where}: output differs from ${testCase.output === undefined ? 'the input (must not change)' : 'the expected output'}`,
  );
  if (testCase.messages !== undefined)
    assert.equal(
      formatMessages(result.messages),
      testCase.messages,
      `${where}: messages differ from the expected ones`,
    );
  if (result.status === 'error') return;
  const again = await applyTransform(subject, result.text, options, testCase.path);
  assert.equal(again.text, result.text, `${where}: not idempotent, a second run changes the output`);
  const crlfResult = await applyTransform(subject, crlf(testCase.input), options, testCase.path);
  assert.equal(crlfResult.text, crlf(expected), `${where}: differs with CRLF line endings`);
  const bomResult = await applyTransform(subject, `\ufeff${testCase.input}`, options, testCase.path);
  assert.equal(bomResult.text, `\ufeff${expected}`, `${where}: differs with a byte-order mark`);
}
