/**
 * fast-check arbitraries for the parser's property tests: any string (full Unicode, lone surrogates included), strings
 * over the characters that mean something in a Dockerfile, and whole files built from Dockerfile-shaped fragments.
 */
import fc from 'fast-check';

/** One UTF-16 string unit or code point from anywhere: any code point, a lone surrogate, or a significant character. */
const anyUnit = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 6 },
  { arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)), weight: 1 },
  { arbitrary: fc.constantFrom('\n', '\r', '\\', '`', '#', ' ', '\t', '\ufeff', '\u00a0', '\u0085', '\0'), weight: 3 },
);

/** Any string at all. */
export const anyString = fc.string({ unit: anyUnit, maxLength: 80 });

/** The characters and words that steer the parser. */
const SIGNIFICANT = [
  '\\',
  '`',
  '#',
  '\n',
  '\r',
  '\t',
  ' ',
  '"',
  "'",
  '[',
  ']',
  '=',
  '<',
  '-',
  'EOF',
  'RUN',
  'FROM',
  'COPY',
];

/** Strings over the Dockerfile-significant alphabet. */
export const significantString = fc.string({ unit: fc.constantFrom(...SIGNIFICANT), maxLength: 60 });

const keyword = fc.constantFrom(
  'FROM',
  'RUN',
  'run',
  'Run',
  'COPY',
  'ADD',
  'ENV',
  'LABEL',
  'ARG',
  'CMD',
  'ENTRYPOINT',
  'SHELL',
  'HEALTHCHECK',
  'HEALTHCHECK CMD',
  'HEALTHCHECK NONE',
  'ONBUILD',
  'ONBUILD RUN',
  'ONBUILD COPY',
  'ONBUILD ONBUILD',
  'EXPOSE',
  'VOLUME',
  'USER',
  'WORKDIR',
  'STOPSIGNAL',
  'MAINTAINER',
  'FROBNICATE',
  '__proto__',
  'constructor',
  'toString',
);

const atom = fc.constantFrom(
  ' ',
  '  ',
  '\t',
  'a',
  'b=c',
  'k v',
  'img',
  'AS',
  'as',
  'stage',
  '/dest/',
  '.',
  '=',
  ',',
  '&&',
  '|',
  ';',
  '"',
  "'",
  '"a b"',
  "'a b'",
  '\\"',
  '\\',
  '\\\\',
  '`',
  'C:\\dir\\',
  '$VAR',
  '${VAR}',
  '${VAR:-x}',
  '${VAR:+y}',
  '${',
  '[',
  ']',
  '["a", "b"]',
  '[ "x" ]',
  '["a", ["b"]]',
  '[1]',
  '["unterminated',
  '{}',
  '--mount=type=cache,target=/root/.cache',
  '--platform=$BUILDPLATFORM',
  '--chown="a b"',
  '--link',
  '--',
  '--x=',
  '<<EOF',
  '<<-EOF',
  "<<'EOF'",
  '<<"EOF"',
  '<<E"O"F',
  '3<<X',
  '<<',
  '<<""',
  'python3',
  '#',
  '# c',
  '\u00a0',
  '\u0085',
  'é',
  'à',
  '☃',
  '😀',
  '\0',
  '\v',
  '\f',
  '\ufeff',
);

const directive = fc.constantFrom(
  '# escape=`',
  '# escape=\\',
  '#escape = `',
  '# ESCAPE=`',
  '# syntax=docker/dockerfile:1',
  '# check=skip=all',
  '# escape=x',
  '# foo=bar',
  ' # syntax=a',
  '# escape=``',
  '#syntax=',
  '#!/usr/bin/env buildctl',
);

const eol = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r', '\r\r\n');

/** What ends an instruction line: a line break, or a continuation with what may follow it. */
const lineEnd = fc.oneof(
  { arbitrary: eol, weight: 6 },
  {
    arbitrary: fc.constantFrom(
      '\\\n',
      '\\  \n',
      '\\\r\n',
      '`\n',
      ' `\t\n',
      '\\\n# comment\n',
      '\\\n\n',
      '\\\n  \t\n',
      '\\',
    ),
    weight: 3,
  },
);

const instruction = fc
  .tuple(fc.constantFrom('', ' ', '\t', '  '), keyword, fc.array(atom, { maxLength: 8 }), lineEnd)
  .map(([lead, word, atoms, end]) => `${lead}${word} ${atoms.join('')}${end}`);

const heredocBody = fc.array(
  fc.tuple(
    fc.constantFrom(
      'EOF',
      '\tEOF',
      ' EOF',
      'EOF ',
      'X',
      'echo hi',
      '\techo $HOME',
      '# not a comment',
      '',
      'RUN x',
      '\\',
      'E"O"F',
    ),
    eol,
  ),
  { maxLength: 5 },
);

const heredocBlock = fc
  .tuple(
    fc.constantFrom('RUN', 'COPY', 'ADD', 'ONBUILD RUN', 'RUN --mount=type=cache,target=/x \\\n   '),
    fc.constantFrom('<<EOF', '<<-EOF', "<<'EOF'", '<<X <<EOF', 'cat <<EOF', '<<EOF python3'),
    fc.constantFrom(' /dest', ''),
    eol,
    heredocBody,
  )
  .map(
    ([head, marker, rest, end, body]) => `${head} ${marker}${rest}${end}${body.map(([line, e]) => line + e).join('')}`,
  );

const trivia = fc.constantFrom('\n', '\r\n', '  \n', '# a comment\n', '#\n', '\t# indented comment\r\n');

/** Whole files: an optional BOM, directives, then instructions, heredocs, comments and blank lines, and some tail. */
export const dockerfileString = fc
  .tuple(
    fc.option(fc.constant('\ufeff'), { freq: 6 }),
    fc.array(
      fc.tuple(directive, eol).map(([line, end]) => line + end),
      { maxLength: 3 },
    ),
    fc.array(
      fc.oneof(
        { arbitrary: instruction, weight: 5 },
        { arbitrary: heredocBlock, weight: 2 },
        { arbitrary: trivia, weight: 2 },
      ),
      { maxLength: 10 },
    ),
    fc.array(fc.oneof(atom, eol), { maxLength: 3 }),
  )
  .map(([bom, directives, body, tail]) => (bom ?? '') + directives.join('') + body.join('') + tail.join(''));
