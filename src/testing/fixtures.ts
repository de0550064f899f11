/**
 * The fixture harness for transforms, built-in or from plugins: `<dir>/<case>/input.Dockerfile`, `output.Dockerfile`
 * (absent: the input must not change), `options.json` and `messages.txt`. Works under any test runner: a failing
 * case throws an AssertionError.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinTransforms } from '../../transforms/index.js';
import { printerOptionSpecs } from '../engine/options.js';
import { enabledTransforms, transform } from '../engine/transform.js';
import type { AnyTransform, LayerfixMessage, TransformOptions } from '../engine/types.js';
import { parse } from '../syntax/parse.js';
import { print } from '../syntax/print.js';

/** One fixture case read from disk. */
export interface Fixture {
  name: string;
  dir: string;
  input: string;
  /** Expected output; undefined means the input must come back unchanged. */
  output?: string;
  /** The transform's options for this case. */
  options: Record<string, unknown>;
  /** Expected messages, one `line:column kind: reason` per line. */
  messages?: string;
}

/** Read the fixture cases under `dir`, one folder each, sorted by name. */
export function loadFixtures(dir: string): Fixture[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
    .map((name) => {
      const caseDir = join(dir, name);
      const read = (file: string) => (existsSync(join(caseDir, file)) ? readFileSync(join(caseDir, file), 'utf8') : undefined);
      const input = read('input.Dockerfile');
      if (input === undefined) throw new Error(`Fixture ${caseDir} has no input.Dockerfile`);
      const options = read('options.json');
      return { name, dir: caseDir, input, output: read('output.Dockerfile'), options: options ? JSON.parse(options) : {}, messages: read('messages.txt') };
    });
}

/** The messages of a result in the fixture format. */
export function formatMessages(messages: LayerfixMessage[]): string {
  return messages.map((m) => `${m.line ?? 0}:${m.column ?? 0} ${m.kind}: ${m.reason}\n`).join('');
}

/** Pipeline options that run `subject` alone with the given options (printer options among them go to the printer). */
function optionsFor(subject: AnyTransform, options: Record<string, unknown>): TransformOptions {
  const builtin = builtinTransforms.includes(subject);
  const own: Record<string, unknown> = {};
  const printer: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) (key in printerOptionSpecs ? printer : own)[key] = value;
  return { ...printer, only: [subject.name], transforms: { [subject.name]: own }, ...(builtin ? {} : { plugins: [subject] }) };
}

/** Run one transform on a text with the given options. */
export function applyTransform(subject: AnyTransform, text: string, options: Record<string, unknown> = {}) {
  return transform(text, optionsFor(subject, options));
}

/** Check one fixture case; with `update`, write its missing expected files instead of failing on them. */
export async function checkFixture(subject: AnyTransform, fixture: Fixture, update = false): Promise<void> {
  const where = `${subject.name}/${fixture.name}`;
  assert.equal(print(parse(fixture.input)), fixture.input, `${where}: input does not round-trip`);
  assert.doesNotThrow(() => enabledTransforms(optionsFor(subject, fixture.options)), `${where}: options do not validate`);
  if (fixture.output !== undefined) {
    assert.notEqual(fixture.output, fixture.input, `${where}: output.Dockerfile equals the input; delete it to say "must not change"`);
  }
  const result = await applyTransform(subject, fixture.input, fixture.options);
  const messages = formatMessages(result.messages);
  if (update) {
    if (fixture.output === undefined && result.text !== fixture.input) writeFileSync(join(fixture.dir, 'output.Dockerfile'), result.text);
    if (fixture.messages === undefined) writeFileSync(join(fixture.dir, 'messages.txt'), messages);
  }
  const expected = fixture.output ?? fixture.input;
  assert.equal(result.text, expected, `${where}: output differs from ${fixture.output === undefined ? 'the input (must not change)' : 'output.Dockerfile'}`);
  if (fixture.messages !== undefined) assert.equal(messages, fixture.messages, `${where}: messages differ from messages.txt`);
  if (result.status === 'error') return;
  const again = await applyTransform(subject, result.text, fixture.options);
  assert.equal(again.text, result.text, `${where}: not idempotent, a second run changes the output`);
  const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
  const crlfResult = await applyTransform(subject, crlf(fixture.input), fixture.options);
  assert.equal(crlfResult.text, crlf(expected), `${where}: differs with CRLF line endings`);
  const bomResult = await applyTransform(subject, `\ufeff${fixture.input}`, fixture.options);
  assert.equal(bomResult.text, `\ufeff${expected}`, `${where}: differs with a byte-order mark`);
}
