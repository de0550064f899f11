/**
 * Heredocs as BuildKit reads them: markers found in the shell words of RUN, COPY and ADD (also under ONBUILD), the
 * body read line by line up to a line that is exactly the terminator, quoting turning expansion off, `<<-` stripping
 * tabs, several heredocs per instruction, and an unterminated heredoc as an error that still round-trips.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dumpBuildkit, instructions, parse, print, type HeredocView, type Root } from '../src/index.js';
import { brief, heredocNodes, instructionNodes, lineSpan } from './helpers/tree.js';

/** Parse, check the round trip, and return the root with each instruction's heredocs. */
function read(text: string): { root: Root; heredocs: HeredocView[][] } {
  const root = parse(text);
  assert.is(print(root), text, 'round trip');
  return { root, heredocs: instructions(root).map((view) => view.heredocs) };
}

/** A heredoc view with the defaults of a plain `<<NAME`. */
function doc(name: string, body: string, extra: Partial<HeredocView> = {}): HeredocView {
  return { name, chomp: false, expand: true, fd: 0, body, content: body, ...extra };
}

test('<< EOF: blanks after << stay in the marker word, as BuildKit lexes it since Dockerfile 1.16; <<- EOF does not', () => {
  assert.equal(read('FROM a\nRUN cat << CMD > /x\nbody\nCMD\n').heredocs, [[], [doc('CMD', 'body\n')]]);
  assert.equal(read('FROM a\nRUN cat <<\t"E" > /x\n$body\nE\n').heredocs, [
    [],
    [doc('E', '$body\n', { expand: false })],
  ]);
  // `<<-` takes no blanks: `<<-` and `EOF` are two words, and neither is a marker.
  assert.equal(read('FROM a\nRUN cat <<- EOF\n').heredocs, [[], []]);
  assert.equal(read('FROM a\nRUN cat <<< word\n').heredocs, [[], []]);
});

test('<<EOF: the body up to the terminator line, kept in a heredoc node of the instruction', () => {
  const text = 'FROM a\nRUN <<EOF\necho hi\necho $HOME\nEOF\nRUN after\n';
  const { root, heredocs } = read(text);
  assert.equal(heredocs, [[], [doc('EOF', 'echo hi\necho $HOME\n')], []]);
  const [, run] = instructionNodes(root);
  assert.equal(lineSpan(run), [2, 5]);
  const [node] = heredocNodes(run);
  assert.equal(
    node.children.map((leaf) => [leaf.type, leaf.value]),
    [
      ['heredocBody', 'echo hi\necho $HOME\n'],
      ['heredocEnd', 'EOF'],
      ['newline', '\n'],
    ],
  );
  assert.equal([node.position!.start.line, node.position!.start.column], [3, 1]);
  assert.is(dumpBuildkit(root), '(from "a")\n(run "<<EOF")\n(run "after")');
  assert.equal(root.data.diagnostics, []);
});

test('<<-EOF: tabs are stripped from the body content and before the terminator', () => {
  const { heredocs, root } = read('FROM a\nRUN <<-EOF\n\techo hi\n\t\tcat x\n\t\tEOF\n');
  assert.equal(heredocs[1], [doc('EOF', '\techo hi\n\t\tcat x\n', { chomp: true, content: 'echo hi\ncat x\n' })]);
  assert.equal(
    heredocNodes(instructionNodes(root)[1])[0].children.map((leaf) => leaf.type),
    ['heredocBody', 'heredocEnd', 'newline'],
  );
  assert.is(heredocNodes(instructionNodes(root)[1])[0].children[1].value, '\t\tEOF');
});

test('<<EOF without the dash: a tab-indented terminator is body, not the end', () => {
  const { heredocs } = read('FROM a\nRUN <<EOF\n\tEOF\nEOF\n');
  assert.equal(heredocs[1], [doc('EOF', '\tEOF\n')]);
});

test('the terminator must be the whole line: spaces around it do not end the heredoc', () => {
  const { heredocs } = read('FROM a\nRUN <<-EOF\n EOF\nEOF \nEOFX\n\tEOF\n');
  assert.equal(heredocs[1][0].body, ' EOF\nEOF \nEOFX\n');
});

test('quoted names <<"EOF" and <<\'EOF\' turn expansion off', () => {
  const { heredocs } = read(
    "FROM a\nRUN <<\"EOF\"\necho $HOME\nEOF\nRUN <<'EOF'\necho $HOME\nEOF\nRUN <<-'EOF'\n\tx\nEOF\n",
  );
  assert.equal(heredocs.slice(1), [
    [doc('EOF', 'echo $HOME\n', { expand: false })],
    [doc('EOF', 'echo $HOME\n', { expand: false })],
    [doc('EOF', '\tx\n', { expand: false, chomp: true, content: 'x\n' })],
  ]);
});

test('a partly quoted name <<E"OF" turns expansion off; an escaped name <<E\\OF does not (as in BuildKit)', () => {
  const { heredocs } = read('FROM a\nRUN <<E"OF"\n$x\nEOF\nRUN <<E\\OF\n$y\nEOF\n');
  assert.equal(heredocs.slice(1), [[doc('EOF', '$x\n', { expand: false })], [doc('EOF', '$y\n')]]);
});

test('an unexpanded variable stays part of the name', () => {
  const { heredocs } = read('FROM a\nRUN <<E${X}\nbody\nE${X}\n');
  assert.equal(heredocs[1], [doc('E${X}', 'body\n')]);
});

test('a file descriptor before << is read', () => {
  const { heredocs } = read('FROM a\nRUN 3<<EOF cat /proc/self/fd/3\nx\nEOF\n');
  assert.equal(heredocs[1], [doc('EOF', 'x\n', { fd: 3 })]);
});

test('an empty heredoc', () => {
  const { heredocs } = read('FROM a\nRUN <<EMPTY\nEMPTY\n');
  assert.equal(heredocs[1], [doc('EMPTY', '')]);
});

test('several heredocs on one line are read one after the other', () => {
  const { heredocs, root } = read(
    'FROM a\nCOPY <<FILE1 <<FILE2 /dest/\ncontent 1\nFILE1\ncontent 2\nFILE2\nRUN next\n',
  );
  assert.equal(heredocs[1], [doc('FILE1', 'content 1\n'), doc('FILE2', 'content 2\n')]);
  assert.equal(lineSpan(instructionNodes(root)[1]), [2, 6]);
  assert.is(dumpBuildkit(root), '(from "a")\n(copy "<<FILE1" "<<FILE2" "/dest/")\n(run "next")');
});

test('each heredoc ends at its own terminator, even where the other name appears first', () => {
  const { heredocs } = read('FROM a\nCOPY <<X <<Y /dest\nY\nX\nX\nY\n');
  assert.equal(heredocs[1], [doc('X', 'Y\n'), doc('Y', 'X\n')]);
});

test('a heredoc after --mount flags on a continuation line', () => {
  const text =
    'FROM a\nRUN --mount=type=cache,target=/root/.cache \\\n    --mount=type=secret,id=tok <<EOF\npip install -r req.txt\nEOF\n';
  const { heredocs, root } = read(text);
  const view = instructions(root)[1];
  assert.equal(
    view.flags.map((flag) => flag.text),
    ['--mount=type=cache,target=/root/.cache', '--mount=type=secret,id=tok'],
  );
  assert.equal(heredocs[1], [doc('EOF', 'pip install -r req.txt\n')]);
  assert.equal(lineSpan(instructionNodes(root)[1]), [2, 5]);
  assert.is(
    dumpBuildkit(root),
    '(from "a")\n(run ["--mount=type=cache,target=/root/.cache" "--mount=type=secret,id=tok"] "<<EOF")',
  );
});

test('a heredoc with trailing command words: <<EOF python3, and python3 <<EOF', () => {
  const { heredocs, root } = read(
    'FROM a\nRUN <<EOF python3\nprint(1)\nEOF\nRUN python3 <<EOF > out.txt\nprint(2)\nEOF\n',
  );
  assert.equal(heredocs.slice(1), [[doc('EOF', 'print(1)\n')], [doc('EOF', 'print(2)\n')]]);
  assert.equal(
    instructions(root).map((view) => view.args),
    ['a', '<<EOF python3', 'python3 <<EOF > out.txt'],
  );
});

test('RUN ["<<EOF"] is not a heredoc: the JSON form never has one', () => {
  const { heredocs, root } = read('FROM a\nRUN ["<<EOF"]\nRUN ["cat", "<<\'EOF\'"]\nRUN ["whoami"]\n');
  assert.equal(heredocs, [[], [], [], []]);
  assert.equal(
    instructions(root).map((view) => view.form),
    ['shell', 'exec', 'exec', 'exec'],
  );
});

test('<< inside quotes or after an escape is not a heredoc', () => {
  const { heredocs, root } = read(
    'FROM a\nRUN echo "<<EOF"\nRUN echo \'<<EOF\'\nRUN echo \\<<EOF\nRUN echo "a <<EOF b"\n',
  );
  assert.equal(heredocs, [[], [], [], [], []]);
  assert.is(instructionNodes(root).length, 5);
});

test('<<"" and a name that lexes to nothing are not heredocs', () => {
  const { heredocs, root } = read('FROM a\nRUN cat <<""\nRUN echo next\nRUN cat <<\'\'\n');
  assert.equal(heredocs, [[], [], [], []]);
  assert.equal(root.data.diagnostics, []);
});

test('<<\\ at the end of a line is no heredoc (under the backtick escape, where \\ does not continue the line)', () => {
  const { heredocs, root } = read('# escape=`\nFROM a\nRUN cat <<\\\nRUN b\n');
  assert.equal(heredocs, [[], [], []]);
  assert.equal(root.data.diagnostics, []);
});

test("a byte-order mark at the start of the name is skipped, as Go's text/scanner does", () => {
  const { heredocs } = read('FROM a\nRUN <<\ufeffEOF\nx\nEOF\n');
  assert.equal(heredocs[1], [doc('EOF', 'x\n')]);
});

test('COPY <<EOF writes a file from the heredoc', () => {
  const { heredocs, root } = read('FROM a\nCOPY <<EOF /etc/app.conf\nkey=value\nEOF\n');
  assert.equal(heredocs[1], [doc('EOF', 'key=value\n')]);
  assert.is(dumpBuildkit(root), '(from "a")\n(copy "<<EOF" "/etc/app.conf")');
});

test('ADD <<EOF and ONBUILD RUN <<EOF carry heredocs too', () => {
  const { heredocs, root } = read(
    'FROM a\nADD <<EOF /x\n1\nEOF\nONBUILD RUN <<EOF\necho later\nEOF\nonbuild copy <<A /a\nA\n',
  );
  assert.equal(heredocs.slice(1), [[doc('EOF', '1\n')], [doc('EOF', 'echo later\n')], [doc('A', '')]]);
  assert.is(dumpBuildkit(root), '(from "a")\n(add "<<EOF" "/x")\n(onbuild (run "<<EOF"))\n(onbuild (copy "<<A" "/a"))');
});

test('other instructions have no heredocs: USER <<X, CMD <<X, ENV a=<<X', () => {
  const { heredocs, root } = read('FROM a\nUSER <<INVALID\nINVALID\nCMD cat <<EOF\nENV a=<<EOF\n');
  assert.equal(heredocs, [[], [], [], [], []]);
  assert.equal(
    instructions(root).map((view) => view.name),
    ['from', 'user', 'invalid', 'cmd', 'env'],
  );
});

test('the body is raw: comment lines, escapes and Dockerfile keywords stay in it', () => {
  const { heredocs, root } = read('FROM a\nRUN <<EOF\n# internal comment\necho a \\\nFROM b\nEOF\n');
  assert.equal(heredocs[1], [doc('EOF', '# internal comment\necho a \\\nFROM b\n')]);
  assert.is(instructionNodes(root).length, 2);
});

test('an unterminated heredoc is an error, runs to the end of the file and still round-trips', () => {
  const text = 'FROM a\nRUN <<EOF\necho hi\nRUN not an instruction\n';
  const { heredocs, root } = read(text);
  assert.equal(heredocs[1], [doc('EOF', 'echo hi\nRUN not an instruction\n')]);
  assert.equal(brief(root.data.diagnostics), ['error unterminated-heredoc 2:1']);
  assert.match(root.data.diagnostics[0].reason, /Unterminated heredoc: expected a line `EOF`/);
  assert.equal(lineSpan(instructionNodes(root)[1]), [2, 4]);
});

test('of two heredocs, the second unterminated: one error, both bodies kept', () => {
  const { heredocs, root } = read('FROM a\nRUN <<A <<B\nA\nb body');
  assert.equal(heredocs[1], [doc('A', ''), doc('B', 'b body')]);
  assert.equal(brief(root.data.diagnostics), ['error unterminated-heredoc 2:1']);
});

test('CRLF heredocs: the terminator matches without its CR, the body keeps its CRLFs', () => {
  const { heredocs, root } = read('FROM a\r\nRUN <<EOF\r\necho hi\r\nEOF\r\nRUN <<-EOF\r\n\tx\r\n\tEOF\r\n');
  assert.equal(heredocs.slice(1), [
    [doc('EOF', 'echo hi\r\n')],
    [doc('EOF', '\tx\r\n', { chomp: true, content: 'x\r\n' })],
  ]);
  const [node] = heredocNodes(instructionNodes(root)[1]);
  assert.equal(
    node.children.map((leaf) => leaf.value),
    ['echo hi\r\n', 'EOF', '\r\n'],
  );
  assert.equal(root.data.diagnostics, []);
});

test('a heredoc terminator at the end of the file without a line break', () => {
  const { heredocs, root } = read('FROM a\nRUN <<EOF\nx\nEOF');
  assert.equal(heredocs[1], [doc('EOF', 'x\n')]);
  assert.equal(root.data.diagnostics, []);
});

test('the heredoc name is always read with the \\ escape, whatever the file escape is', () => {
  const { heredocs } = read('# escape=`\nFROM a\nRUN <<E\\OF `\n  python3\nx\nEOF\n');
  assert.equal(heredocs[1], [doc('EOF', 'x\n')]);
});

test.run();
