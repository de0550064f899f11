/**
 * Every diagnostic the parser gives: its ruleId, severity, line and column, and a message that says what is wrong and
 * what was expected. Parsing never throws and the text still prints back byte for byte.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, print, type Diagnostic } from '../src/index.js';
import { brief } from './helpers/tree.js';

/** Parse, check the round trip, return the diagnostics. */
function diagnose(text: string): Diagnostic[] {
  const root = parse(text);
  assert.is(print(root), text, 'round trip');
  return root.data.diagnostics;
}

/** Assert exactly one diagnostic, `severity ruleId line:column`, whose reason matches `reason`. */
function one(text: string, expected: string, reason: RegExp): void {
  const diagnostics = diagnose(text);
  assert.equal(brief(diagnostics), [expected]);
  assert.match(diagnostics[0].reason, reason);
}

test('a valid file has no diagnostics', () => {
  const text =
    '# syntax=docker/dockerfile:1\nARG V=1\nFROM --platform=$BUILDPLATFORM golang:1.22 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN --mount=type=cache,target=/go/pkg go mod download\nENV A=1 B="two words"\nLABEL org.opencontainers.image.title=x\nHEALTHCHECK NONE\nSHELL ["/bin/sh", "-c"]\nONBUILD RUN echo hi\nCMD ["app"]\n';
  assert.equal(diagnose(text), []);
});

test('diagnostics are shaped like vfile messages: reason, ruleId, severity, line, column', () => {
  const [diagnostic] = diagnose('FROM a\nFOO bar\n');
  assert.equal(Object.keys(diagnostic).sort(), ['column', 'line', 'reason', 'ruleId', 'severity']);
});

test('unknown instruction: an error at its keyword, listing the known ones', () => {
  one(
    'FROM a\nFOO bar\n',
    'error unknown-instruction 2:1',
    /^Unknown instruction `FOO`, expected one of ADD, ARG, CMD, COPY, .*WORKDIR$/,
  );
  one('FROM a\n   FORM b\n', 'error unknown-instruction 2:4', /Unknown instruction `FORM`/);
  one('FROM a\nonbuild frob x\n', 'error unknown-instruction 2:1', /Unknown instruction `frob`/);
});

test('missing arguments: ENV PATH with no value', () => {
  one(
    'FROM a\nENV PATH\n',
    'error missing-arguments 2:1',
    /^ENV `PATH` has no value, expected ENV PATH=<value> or ENV PATH <value>$/,
  );
  one('FROM a\nLABEL version\n', 'error missing-arguments 2:1', /^LABEL `version` has no value/);
  one('FROM a\nONBUILD ENV PATH\n', 'error missing-arguments 2:1', /^ENV `PATH` has no value/);
});

test('missing arguments: instructions that need at least one', () => {
  for (const keyword of [
    'RUN',
    'ENV',
    'LABEL',
    'ARG',
    'EXPOSE',
    'USER',
    'WORKDIR',
    'VOLUME',
    'STOPSIGNAL',
    'MAINTAINER',
    'SHELL',
    'ONBUILD',
    'HEALTHCHECK',
  ]) {
    one(
      `FROM a\n${keyword}\n`,
      'error missing-arguments 2:1',
      new RegExp(`^${keyword} requires at least one argument$`),
    );
  }
});

test('FROM with no image, with two arguments, with a bad stage name', () => {
  one('FROM\n', 'error missing-arguments 1:1', /^FROM requires an image: FROM <image> \[AS <name>\]$/);
  one(
    'FROM a b\n',
    'error invalid-arguments 1:1',
    /^FROM takes one argument or three \(FROM <image> AS <name>\), found 2: `a b`$/,
  );
  one('FROM a AS\n', 'error invalid-arguments 1:1', /found 2/);
  one('FROM a FROM b\n', 'error invalid-arguments 1:1', /found 3/);
  one('FROM a AS 1st\n', 'error invalid-arguments 1:1', /^Invalid stage name `1st` in FROM/);
  assert.equal(diagnose('FROM a as Build.Stage-1_x\n'), []);
});

test('COPY and ADD with one argument', () => {
  one(
    'FROM a\nCOPY src\n',
    'error missing-arguments 2:1',
    /^COPY requires at least two arguments: a source and a destination$/,
  );
  one('FROM a\n  ADD --chown=1 src\n', 'error missing-arguments 2:3', /^ADD requires at least two arguments/);
  one('FROM a\nCOPY\n', 'error missing-arguments 2:1', /^COPY requires at least two arguments/);
});

test('unterminated heredoc: an error at its instruction', () => {
  one(
    'FROM a\nRUN cat <<EOF > /x\nbody\n',
    'error unterminated-heredoc 2:1',
    /^Unterminated heredoc: expected a line `EOF` before the end of the file$/,
  );
});

test('SHELL not in JSON form', () => {
  one(
    'FROM a\nSHELL /bin/bash -c\n',
    'error invalid-arguments 2:1',
    /^SHELL requires the arguments to be in JSON form, e.g. SHELL \["\/bin\/sh", "-c"\]$/,
  );
  one('FROM a\nSHELL ["/bin/bash", "-c"\n', 'error invalid-arguments 2:1', /JSON form/);
});

test('nested JSON (BuildKit case shykes-nested-json) and other non-string JSON arrays', () => {
  one(
    'CMD [ "echo", [ "nested json" ] ]\n',
    'error invalid-arguments 1:1',
    /^CMD: when using JSON array syntax, arrays must be comprised of strings only$/,
  );
  one('FROM a\nRUN [1, 2]\n', 'error invalid-arguments 2:1', /^RUN: when using JSON array syntax/);
  one('FROM a\nCOPY ["a", null]\n', 'error invalid-arguments 2:1', /^COPY: when using JSON array syntax/);
});

test('ENV and LABEL words without = after a key=value', () => {
  one(
    'FROM a\nENV A=1 B\n',
    'error invalid-arguments 2:1',
    /^ENV: Syntax error - can't find = in "B". Must be of the form: name=value$/,
  );
});

test('an empty file', () => {
  one(
    '',
    'error no-instructions 1:1',
    /^The file has no instructions \(BuildKit rejects it\), expected at least a FROM$/,
  );
  one('\ufeff', 'error no-instructions 1:2', /no instructions/);
  one('\n  \n\t\n', 'error no-instructions 4:1', /no instructions/);
});

test('a file with only comments (and directives)', () => {
  one('# just a comment\n# and another\n', 'error no-instructions 3:1', /no instructions/);
  one('# syntax=docker/dockerfile:1\n\n# comment', 'error no-instructions 3:10', /no instructions/);
});

test('an empty continuation line: a warning at the empty line', () => {
  one(
    'FROM a\nRUN apt-get update \\\n\n    && apt-get install -y x\n',
    'warning empty-continuation 3:1',
    /^Empty continuation line: BuildKit warns about it and may reject it in the future$/,
  );
  one('FROM a\nRUN a \\\n  \t\n  b \\\n\n  c\n', 'warning empty-continuation 3:1', /Empty continuation line/);
  assert.equal(diagnose('FROM a\nRUN a \\\n# a comment line is not empty\n  b\n'), []);
});

test('a line over 64 KiB is an error; up to the limit is fine', () => {
  const fits = 'FROM a\nRUN ' + 'x'.repeat(65536 - 'RUN \n'.length) + '\n';
  assert.equal(diagnose(fits), []);
  one(
    'FROM a\nRUN ' + 'x'.repeat(65536) + '\n',
    'error line-too-long 2:1',
    /^Line is longer than BuildKit's limit of 65535 bytes$/,
  );
  one('FROM a\nRUN ' + 'é'.repeat(40000) + '\n', 'error line-too-long 2:1', /limit/);
  one('FROM a\nRUN ' + 'x'.repeat(65536 - 'RUN '.length), 'error line-too-long 2:1', /limit/);
  one('FROM a\nRUN <<EOF\n' + 'x'.repeat(70000) + '\nEOF\n', 'error line-too-long 3:1', /limit/);
});

test('a lone carriage return is a warning: BuildKit does not end the line there', () => {
  const diagnostics = diagnose('FROM a\rRUN b\n');
  assert.equal(brief(diagnostics), ['warning lone-cr 1:7', 'error invalid-arguments 1:1']);
  assert.match(
    diagnostics[0].reason,
    /^A carriage return that does not end a line: BuildKit reads it as whitespace, not a line break$/,
  );
  assert.equal(diagnose('FROM a\r\nRUN b\r\r\n'), []);
});

test('HEALTHCHECK with a bad type, NONE with arguments, CMD without a command', () => {
  one(
    'FROM a\nHEALTHCHECK CONNECT TCP 7000\n',
    'error invalid-arguments 2:1',
    /^Unknown type `CONNECT` in HEALTHCHECK, expected CMD or NONE$/,
  );
  one(
    'FROM a\nHEALTHCHECK NONE curl x\n',
    'error invalid-arguments 2:1',
    /^HEALTHCHECK NONE takes no other arguments$/,
  );
  one('FROM a\nHEALTHCHECK --interval=5s CMD\n', 'error missing-arguments 2:1', /^HEALTHCHECK CMD requires a command$/);
  assert.equal(diagnose('FROM a\nhealthcheck none\nHEALTHCHECK --retries=3 cmd curl -f http://x/\n'), []);
});

test('the HEALTHCHECK type ends at a space byte, as BuildKit reads it byte by byte', () => {
  one(
    'FROM a\nHEALTHCHECK CMD\u00a0curl x\n',
    'error invalid-arguments 2:1',
    /^Unknown type `CMD\u00a0` in HEALTHCHECK/,
  );
  one(
    'FROM a\nHEALTHCHECK CMD\u2003curl x\n',
    'error invalid-arguments 2:1',
    /^Unknown type `CMD\u2003curl` in HEALTHCHECK/,
  );
});

test('ONBUILD ONBUILD, ONBUILD FROM and ONBUILD MAINTAINER are not allowed', () => {
  one(
    'FROM a\nONBUILD ONBUILD RUN x\n',
    'error invalid-arguments 2:1',
    /^ONBUILD is not allowed as an ONBUILD trigger$/,
  );
  one('FROM a\nONBUILD FROM b\n', 'error invalid-arguments 2:1', /^FROM is not allowed as an ONBUILD trigger$/);
  one(
    'FROM a\nonbuild maintainer me\n',
    'error invalid-arguments 2:1',
    /^MAINTAINER is not allowed as an ONBUILD trigger$/,
  );
  one('FROM a\nONBUILD RUN\n', 'error missing-arguments 2:1', /^RUN requires at least one argument$/);
});

test('parser directive errors: repeated and invalid escape', () => {
  one(
    '# syntax=a\n# syntax=b\nFROM a\n',
    'error duplicate-directive 2:1',
    /^Only one `syntax` parser directive can be used$/,
  );
  one(
    '  # escape=~\nFROM a\n',
    'error invalid-escape 1:3',
    /^Invalid escape character `~` in the escape directive, expected `\\` or ```$/,
  );
});

test('a line that continues into nothing has no keyword', () => {
  one('FROM a\n\\\n', 'error missing-keyword 2:1', /^Expected an instruction keyword such as FROM or RUN$/);
});

test('every instruction problem is reported, not only the first', () => {
  const diagnostics = diagnose('FROM a b\nFOO\nCOPY x\nENV A\nRUN <<EOF\n');
  assert.equal(brief(diagnostics), [
    'error invalid-arguments 1:1',
    'error unknown-instruction 2:1',
    'error missing-arguments 3:1',
    'error missing-arguments 4:1',
    'error unterminated-heredoc 5:1',
  ]);
});

test('parse never throws on hostile input', () => {
  for (const text of [
    '\0',
    '\\',
    '`',
    '\r',
    '\ufeff\ufeff',
    'constructor x',
    '__proto__ x',
    'toString',
    'hasOwnProperty a',
    '\ud800',
    'RUN <<',
    'RUN <<-',
    'COPY <<"',
    '# escape=`\n`',
    'FROM a\n'.repeat(3) + '\\',
  ]) {
    assert.is(print(parse(text)), text);
  }
});

test.run();
