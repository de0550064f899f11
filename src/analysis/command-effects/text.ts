/** Rules of the tools that read text and search files: sed, awk, grep, sort, uniq, find, test. */
import { hasOption, optionValues, type Arg, type CommandLine } from '../command-line.js';
import { readProgramWord, type CommandRule, type Resolver } from './effects.js';
import { NAME_SERVICE, TIME_ZONE } from './folders.js';

/** The rules of text and search tools, by command name. */
export const TEXT_RULES: Record<string, CommandRule> = {
  sed: { syntax: { short: 'efl', long: ['--expression', '--file', '--line-length'] }, rule: sed },
  awk: { syntax: { short: 'fvF', long: ['--file', '--assign', '--field-separator'], stopAtOperand: false }, rule: awk },
  grep: {
    syntax: {
      short: 'efABCmd',
      long: [
        '--regexp',
        '--file',
        '--after-context',
        '--before-context',
        '--context',
        '--max-count',
        '--include',
        '--exclude',
        '--exclude-dir',
        '--label',
      ],
    },
    rule: grep,
  },
  sort: {
    syntax: {
      short: 'okSTt',
      long: ['--output', '--key', '--buffer-size', '--temporary-directory', '--field-separator', '--compress-program'],
    },
    rule: (line, at) => {
      // The program it compresses its temporary files with is found on PATH (red team 35).
      for (const program of optionValues(line, '--compress-program')) readProgramWord(program, at);
      readThenOutput(line, at, ['-o', '--output']);
    },
  },
  uniq: {
    syntax: { short: 'fsw' },
    rule: (line, at) => {
      const [input, output] = line.operands;
      if (input) at.readArg(input);
      if (output) at.write(at.place(output));
    },
  },
  find: { syntax: { singleDashLong: true }, rule: find },
  test: { rule: (line, at) => testLike(line, at) },
  '[': { rule: (line, at) => testLike(line, at) },
  '[[': { rule: (line, at) => testLike(line, at) },
};

function sed(line: CommandLine, at: Resolver): void {
  const scripts = [...optionValues(line, '-e', '--expression')];
  for (const file of optionValues(line, '-f', '--file')) at.readArg(file);
  const operands = scripts.length || optionValues(line, '-f', '--file').length ? line.operands : line.operands.slice(1);
  if (!scripts.length && !optionValues(line, '-f', '--file').length) scripts.push(line.operands[0] ?? null);
  // `w file`, `r file`, `e command` in a script touch files layerfix does not read; only plain scripts are known.
  // (also as a flag of `s` after others: `s/a/b/gw log`, `s/a/b/ge`).
  if (scripts.some((script) => script?.value == null || /(^|[;}\s\d/$])[gpIiMm0-9]*[wWrRe](\s|$)/.test(script.value)))
    at.unknown('runs a sed script that reads or writes other files or runs commands');
  if (
    hasOption(line, '-i', '--in-place') ||
    line.options.some((option) => /^-i./.test(option.name) || option.name.startsWith('--in-place='))
  )
    at.write(...operands.map((arg) => at.place(arg)));
  else at.readArgs(operands);
}

function awk(line: CommandLine, at: Resolver): void {
  const files = optionValues(line, '-f', '--file');
  for (const file of files) at.readArg(file);
  const program = files.length ? undefined : line.operands[0];
  if (files.length || program?.value == null || /[>|]|system|getline|close/.test(program.value))
    at.unknown('runs an awk program that may write files or run commands');
  for (const arg of line.operands.slice(1)) if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(arg.value ?? '')) at.readArg(arg);
  // strftime and systime print local times (red team 36).
  if (/strftime|mktime/.test(program?.value ?? '')) at.read(...TIME_ZONE);
}

function grep(line: CommandLine, at: Resolver): void {
  const patterns = optionValues(line, '-e', '--regexp', '-f', '--file');
  for (const file of optionValues(line, '-f', '--file')) at.readArg(file);
  const files = patterns.length ? line.operands : line.operands.slice(1);
  const recursive = hasOption(line, '-r', '-R', '--recursive', '--dereference-recursive');
  if (recursive && !files.length) at.read(at.cwd());
  at.readArgs(files, recursive);
}

function readThenOutput(line: CommandLine, at: Resolver, outputs: string[]): void {
  at.readArgs(line.operands);
  for (const output of optionValues(line, ...outputs)) at.write(at.place(output));
}

function find(line: CommandLine, at: Resolver): void {
  // find's options are its starting points first, then an expression of single-dash words.
  const starts: Arg[] = [];
  for (const arg of line.operands) {
    if (arg.value !== null && /^[-(!)]/.test(arg.value)) break;
    starts.push(arg);
  }
  const roots = starts.length ? starts.map((arg) => at.place(arg, true)) : [at.cwd()];
  at.read(...roots);
  const words = line.options.map((option) => option.name);
  // -L and -follow go through links, to anywhere.
  if (words.some((word) => /^-(L|follow)$/.test(word)))
    at.effects.unknownReads.push('what find reaches through symbolic links (-L, -follow)');
  if (words.some((word) => /^-(exec|execdir|ok|okdir)$/.test(word)))
    at.unknown('runs commands with find -exec, which layerfix does not follow');
  if (words.includes('-delete')) at.remove(...roots);
  if (words.some((word) => /^-(fprint|fprint0|fprintf|fls)$/.test(word)))
    at.unknown('writes a file named in a find expression');
  // Owners by name, and listings, go through the name service.
  if (words.some((word) => /^-(user|group|nouser|nogroup|ls|printf)$/.test(word))) at.read(...NAME_SERVICE);
  if (words.some((word) => /^-(newer[a-zA-Z]*|ls|printf)$/.test(word))) at.read(...TIME_ZONE);
}

/** test and `[`: every operand may be a path it looks at. */
function testLike(line: CommandLine, at: Resolver): void {
  for (const arg of [...line.operands, ...line.options.map((option) => option.value)]) {
    if (arg && !/^(\]|\]\]|=|==|!=|!|-a|-o|\(|\)|<|>)$/.test(arg.value ?? '')) at.readArg(arg);
  }
}
