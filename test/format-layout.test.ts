/**
 * format follows the file and never fails it for one instruction: `&&` placement detected like indentation, JSON
 * arrays spaced without touching their strings or their line breaks, and a layout that would change what BuildKit
 * reads declined for that instruction alone.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from '../src/syntax/index.js';
import { detectOperatorPosition, detectStyle } from '../src/printer/index.js';
import { transform } from '../src/registry.js';

const format = (text: string, options = {}) => transform(text, { only: ['format'], ...options });

test("the file's && placement is detected from its shell-form chains, like its indentation", () => {
  const leading = 'FROM debian\nRUN apt-get update \\\n    && apt-get install -y curl \\\n    || true\n';
  const trailing = 'FROM debian\nRUN apt-get update && \\\n    apt-get install -y curl\n';
  assert.is(detectOperatorPosition(parse(leading)), 'start');
  assert.is(detectOperatorPosition(parse(trailing)), 'end');
  assert.is(detectOperatorPosition(parse('FROM debian\nRUN a \\\n  b\n')), undefined, 'no chain breaks over a line');
  assert.is(detectOperatorPosition(parse(`${leading}RUN x && \\\n  y\n`)), 'start', 'most breaks win');
  assert.is(
    detectOperatorPosition(parse('FROM debian\nRUN a && \\\n  b\nRUN c \\\n  && d\n')),
    undefined,
    'a tie decides nothing',
  );
  assert.is(
    detectStyle(parse(leading), { printWidth: 80, indent: 'auto', operatorPosition: 'auto' }).operatorPosition,
    'start',
  );
  assert.is(
    detectStyle(parse(leading), { printWidth: 80, indent: 'auto', operatorPosition: 'end' }).operatorPosition,
    'end',
    'an explicit option wins',
  );
  assert.is(
    detectStyle(parse('FROM debian\n'), { printWidth: 80, indent: 'auto', operatorPosition: 'auto' }).operatorPosition,
    'end',
    'the default without a chain',
  );
});

test('a repository that writes leading && is not rewritten to trailing, and a mixed file is made consistent its way', async () => {
  const leading =
    'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y curl\nRUN make \\\n    && make install\n';
  assert.is((await format(leading)).text, leading);
  const mixed = `${leading}RUN a && \\\n    b\n`;
  assert.is((await format(mixed)).text, `${leading}RUN a \\\n    && b\n`);
  assert.is(
    (await format(leading, { operatorPosition: 'end' })).text,
    'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl\nRUN make && \\\n    make install\n',
  );
});

test('merge-runs joins chains the way the file writes them', async () => {
  const text =
    'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends ca-certificates curl git make gcc\nRUN curl -fsSL https://example.com/install.sh -o /tmp/install.sh \\\n    && sh /tmp/install.sh\n';
  const { text: merged } = await transform(text, { only: ['merge-runs'] });
  assert.not.match(merged, /&& \\\n/, 'no trailing && in a file that leads with them');
  assert.match(merged, /\\\n +&& curl -fsSL/);
});

test('JSON arrays: spaced as people write them, each string as written, and an array broken over lines left as laid out', async () => {
  const text =
    'FROM alpine\nCMD ["\\u00e9","a\\/b",  "c"]\nRUN [ "sh","-c","echo \\"hi\\"" ]\nENTRYPOINT ["dotnet", \\\n            "app.dll"]\nHEALTHCHECK --interval=5s CMD ["curl","-f","http://localhost/"]\n';
  const { text: out, status } = await format(text);
  assert.is(status, 'changed');
  assert.is(
    out,
    'FROM alpine\nCMD ["\\u00e9", "a\\/b", "c"]\nRUN ["sh", "-c", "echo \\"hi\\""]\nENTRYPOINT ["dotnet", \\\n            "app.dll"]\nHEALTHCHECK --interval=5s CMD ["curl", "-f", "http://localhost/"]\n',
  );
  assert.is((await format(out)).text, out, 'idempotent');
});

test('a layout that would change what BuildKit reads is declined for that instruction; the others are still formatted', async () => {
  // `\ ` then a line break is a continuation to BuildKit with nothing between the words: moving `&&` up would split
  // `aa&&` into two words.
  const text = 'FROM alpine\nRUN aa\\ \n&& || b\nrun  a  \\\n && b\n';
  const result = await format(text, { operatorPosition: 'end' });
  assert.is(result.status, 'changed');
  assert.is(
    result.text,
    'FROM alpine\nRUN aa\\ \n&& || b\nRUN a && \\\n b\n',
    'the continuation indent detected from the file: one space',
  );
  const skip = result.messages.find((m) => m.kind === 'skip');
  assert.is(skip?.line, 2);
  assert.match(skip!.reason, /^Left the layout of RUN at 2:1 as it is: laid out, BuildKit would read it differently/);
  assert.not.ok(result.messages.some((m) => m.kind === 'error'));

  // A layout that would not parse (a heredoc marker it would join onto a line) is declined with the parser's reason.
  const heredoc = 'FROM alpine\nRUN a`\\\n\\ \n\\\n<<#\\ \n] b\nUSER  app\n';
  const declined = await format(heredoc);
  assert.is(declined.status, 'changed');
  assert.match(declined.text, /\nUSER app\n$/);
  assert.match(
    declined.messages.find((m) => m.kind === 'skip')!.reason,
    /^Left the layout of RUN at 2:1 as it is: laid out, it would not parse \(Unterminated heredoc/,
  );
});

test.run();
