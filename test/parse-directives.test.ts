/**
 * Parser directives (`# syntax=`, `# escape=`, `# check=`) as BuildKit reads them: only at the very top, names in any
 * case, ended by a blank line, a comment or anything else, never repeated; and the escape character they set.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dumpBuildkit, instructions, parse, print, type Root } from '../src/index.js';
import { brief } from './helpers/tree.js';

/** Parse, check the round trip, return the root. */
function read(text: string): Root {
  const root = parse(text);
  assert.is(print(root), text, 'round trip');
  return root;
}

/** The top-level node types of a file, with directive names. */
function shape(root: Root): string[] {
  return root.children.map((node) =>
    node.type === 'directive'
      ? `directive:${node.name}`
      : node.type === 'instruction'
        ? `instruction:${node.name}`
        : node.type,
  );
}

test('# syntax= is a directive node with its name and value, and a file-wide fact on the root', () => {
  const root = read('# syntax=docker/dockerfile:1.7\nFROM a\n');
  assert.equal(shape(root), ['directive:syntax', 'instruction:from']);
  const [directive] = root.children;
  assert.ok(directive.type === 'directive');
  assert.is(directive.value, 'docker/dockerfile:1.7');
  assert.equal(
    directive.children.map((leaf) => leaf.type),
    ['text', 'newline'],
  );
  assert.equal(root.data.directives, { syntax: 'docker/dockerfile:1.7' });
  assert.equal(root.data.diagnostics, []);
});

test('names are case-insensitive; values keep their case; spaces around = and at the end are allowed', () => {
  const root = read('# SYNTAX = Docker/Dockerfile:1  \n#Escape=`\n #\tcheck =skip=all\nFROM a\n');
  assert.equal(shape(root), ['directive:syntax', 'directive:escape', 'directive:check', 'instruction:from']);
  assert.equal(root.data.directives, { syntax: 'Docker/Dockerfile:1', escape: '`', check: 'skip=all' });
  assert.is(root.data.escape, '`');
});

test('# check= is a directive, with its whole value', () => {
  const root = read('# check=skip=JSONArgsRecommended;error=true\nFROM a\n');
  assert.equal(root.data.directives, { check: 'skip=JSONArgsRecommended;error=true' });
});

test('a value may hold spaces: everything up to the trailing whitespace', () => {
  const root = read('# syntax=docker/dockerfile:1 --some-flag \nFROM a\n');
  assert.is(root.data.directives.syntax, 'docker/dockerfile:1 --some-flag');
});

test('directives only count at the very top: after an instruction it is a comment', () => {
  const root = read('FROM a\n# escape=`\nRUN a \\\n  b\n');
  assert.equal(shape(root), ['instruction:from', 'comment', 'instruction:run']);
  assert.is(root.data.escape, '\\');
  assert.equal(root.data.directives, {});
});

test('a blank line ends the directives', () => {
  const root = read('# syntax=a\n\n# escape=`\nFROM a\n');
  assert.equal(shape(root), ['directive:syntax', 'blank', 'comment', 'instruction:from']);
  assert.is(root.data.escape, '\\');
});

test('a directive after a comment is a plain comment (BuildKit case escape-after-comment)', () => {
  const root = read('# Comment here.\n# escape = `\n\nFROM image\nENV GOPATH \\\n\\go\n');
  assert.equal(shape(root), ['comment', 'comment', 'blank', 'instruction:from', 'instruction:env']);
  assert.is(root.data.escape, '\\');
  assert.is(dumpBuildkit(root), '(from "image")\n(env "GOPATH" "\\\\go" "")');
});

test('an unknown directive name ends the directives and is a comment', () => {
  const root = read('# foo=bar\n# escape=`\nFROM a\n');
  assert.equal(shape(root), ['comment', 'comment', 'instruction:from']);
  assert.is(root.data.escape, '\\');
});

test('an empty value is no directive', () => {
  const root = read('# escape=\n# syntax=x\nFROM a\n');
  assert.equal(shape(root), ['comment', 'comment', 'instruction:from']);
});

test('a repeated directive is an error (any case); the first value stays in effect', () => {
  const root = read('# escape=`\n# ESCAPE=\\\nFROM a\nRUN a `\n b\n');
  assert.equal(brief(root.data.diagnostics), ['error duplicate-directive 2:1']);
  assert.match(root.data.diagnostics[0].reason, /Only one `escape` parser directive can be used/);
  assert.is(root.data.escape, '`');
  assert.equal(root.data.directives, { escape: '`' });
  assert.is(dumpBuildkit(root), '(from "a")\n(run "a  b")');
  assert.equal(brief(read('# syntax=a\n# Syntax=b\nFROM a\n').data.diagnostics), ['error duplicate-directive 2:1']);
});

test('an invalid escape value is an error and the escape stays \\', () => {
  const root = read('# escape=x\nFROM a\nRUN a \\\n  b\n');
  assert.equal(brief(root.data.diagnostics), ['error invalid-escape 1:1']);
  assert.match(root.data.diagnostics[0].reason, /Invalid escape character `x`.*expected `\\` or ```/);
  assert.is(root.data.escape, '\\');
  assert.is(instructions(root).length, 2);
  assert.equal(brief(read('# escape=``\nFROM a\n').data.diagnostics), ['error invalid-escape 1:1']);
});

test('the backtick escape takes effect: continuations with `, and \\ is literal (Windows paths)', () => {
  const text =
    '# escape=`\n\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir C:\\foo\\ `\n    && echo done\nWORKDIR C:\\Users\\\nCOPY app\\ C:\\app\\\n';
  const root = read(text);
  assert.is(root.data.escape, '`');
  const views = instructions(root);
  assert.equal(
    views.map((view) => view.name),
    ['from', 'run', 'workdir', 'copy'],
  );
  assert.is(views[1].logical.text, 'RUN dir C:\\foo\\     && echo done');
  assert.is(
    dumpBuildkit(root),
    '(from "mcr.microsoft.com/windows/servercore:ltsc2022")\n(run "dir C:\\\\foo\\\\     && echo done")\n(workdir "C:\\\\Users\\\\")\n(copy "app\\\\" "C:\\\\app\\\\")',
  );
  const runLeaves = views[1].node.children.map((leaf) => ('value' in leaf ? leaf.type : 'heredoc'));
  assert.ok(runLeaves.includes('continuation'));
});

test('under the backtick escape, a trailing \\ does not continue the line', () => {
  const root = read('# escape=`\nFROM a\nRUN echo \\\nRUN b\n');
  assert.equal(
    instructions(root).map((view) => view.args),
    ['a', 'echo \\', 'b'],
  );
});

test('the backtick escape applies to ENV words: `" keeps a quote open, \\ is literal', () => {
  const root = read('# escape=`\nFROM a\nENV A="x`"y" B=C:\\dir\\\n');
  assert.is(dumpBuildkit(root), '(from "a")\n(env "A" "\\"x`\\"y\\"" "=" "B" "C:\\\\dir\\\\" "=")');
});

test('a BOM then a directive: the BOM is its own leaf and the directive still counts', () => {
  const root = read('\ufeff# escape=`\nFROM a\nRUN a `\n  b\n');
  assert.equal(shape(root), ['bom', 'directive:escape', 'instruction:from', 'instruction:run']);
  assert.is(root.data.escape, '`');
  assert.is(dumpBuildkit(root), '(from "a")\n(run "a   b")');
});

test('directives with CRLF line endings', () => {
  const root = read('# escape=`\r\n# syntax=x\r\nFROM a\r\nRUN a `\r\n  b\r\n');
  assert.equal(root.data.directives, { escape: '`', syntax: 'x' });
  assert.is(dumpBuildkit(root), '(from "a")\n(run "a   b")');
  assert.is(root.data.eol, '\r\n');
});

test('a directive straight before an instruction, without a blank line (BuildKit case escape-nonewline)', () => {
  const root = read(
    '# escape = `\n# There is no white space line after the directives.\nFROM image\nENV GOPATH `\n\\go',
  );
  assert.equal(shape(root), ['directive:escape', 'comment', 'instruction:from', 'instruction:env']);
  assert.is(dumpBuildkit(root), '(from "image")\n(env "GOPATH" "\\\\go" "")');
});

test('a file of directives only has no instructions', () => {
  const root = read('# escape=`\n# syntax=docker/dockerfile:1\n');
  assert.equal(brief(root.data.diagnostics), ['error no-instructions 3:1']);
});

test('text builders read differently is a builder-dependent warning (the transforms then leave the file alone)', () => {
  const warned = (text: string) =>
    brief(read(text).data.diagnostics).filter((line) => line.startsWith('warning builder-dependent'));
  // A no-break space after `#`: a directive to BuildKit since Dockerfile 1.21, a comment before and to buildah.
  assert.equal(warned('#\u00a0escape=`\nFROM a\n'), ['warning builder-dependent 1:1']);
  assert.is(read('#\u00a0escape=`\nFROM a\n').data.escape, '\\', 'read as a comment, as earlier builders do');
  assert.equal(warned('#\u00a0note: a comment\nFROM a\n'), [], 'only a directive name counts');
  // buildah and podman stop looking for the escape directive at the first other directive.
  assert.equal(warned('# syntax=docker/dockerfile:1\n# escape=`\nFROM a\n'), ['warning builder-dependent 2:1']);
  assert.equal(warned('# syntax=docker/dockerfile:1\n# escape=\\\nFROM a\n'), [], 'the default escape: no difference');
  // Text after a JSON array: shell form to BuildKit since Dockerfile 1.9, the array before and to buildah.
  assert.equal(warned('FROM a\nRUN ["a"] # note\n'), ['warning builder-dependent 2:1']);
  assert.equal(warned('FROM a\nRUN ["a"]  \n'), [], 'trailing blanks: no difference');
  // A line ending in two escapes: BuildKit ends the instruction, buildah continues it.
  assert.equal(warned('FROM a\nRUN echo C:\\\\\nRUN b\n'), ['warning builder-dependent 2:12']);
});

test('without directives the escape is \\ and the directives are empty', () => {
  const root = read('FROM a\n');
  assert.is(root.data.escape, '\\');
  assert.equal(root.data.directives, {});
});

test.run();
