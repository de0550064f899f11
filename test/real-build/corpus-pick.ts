/**
 * Which corpus files the real-build suite can prove here, by a rule (RULE below) rather than by hand. Run by
 * scripts/real-build/pick-corpus.mjs, which writes corpus-sample.json; the suite reads that file.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseShell } from 'shell-quote';
import { DockerfileParser, JSONInstruction, type From, type Instruction } from 'dockerfile-ast';
import { prepareDockerfile } from './prepare.js';

export const MAX_DOWNLOAD_MB = 50;

export const RULE = [
  'the default pipeline (no options) changes the file, and the file, or else its longest prefix of whole instructions that fits the rest of this rule and that the pipeline still changes, meets this:',
  'every FROM is scratch, an earlier stage, or an image of the Debian family (debian, ubuntu, buildpack-deps, or a non-Alpine, non-Windows tag of an official image built on them), all mapped to the local Debian bookworm base;',
  'no COPY or ADD (their sources are in the original repository) and nothing the harness reports as not buildable here;',
  'every command its RUNs call is on ALLOWED_COMMANDS (apt-get, dpkg, user and group tools, coreutils, sed, shell builtins): no downloads, compilers or language package managers, as only the Debian mirror can be reached;',
  `every package its apt-get installs name exists in bookworm (apt-cache on this machine) and together they download at most ${MAX_DOWNLOAD_MB} MB.`,
].join(' ');

/**
 * Debian and Ubuntu, and the official images built on them (their non-Alpine, non-Windows tags): a RUN that calls only
 * apt-get and base tools does the same on them as on plain Debian.
 */
const DEBIAN_FAMILY =
  /^(docker\.io\/)?(library\/)?(debian|ubuntu|buildpack-deps|node|python|ruby|golang|php|openjdk|eclipse-temurin|tomcat|httpd|nginx|postgres|redis|mongo|julia)(:(?![^@\s]*(alpine|windows|nanoserver|servercore))[^@\s]*)?(@\S+)?$/i;

export const ALLOWED_COMMANDS = new Set([
  'apt-get',
  'apt',
  'apt-mark',
  'dpkg',
  'dpkg-reconfigure',
  'dpkg-divert',
  'debconf-set-selections',
  'useradd',
  'groupadd',
  'usermod',
  'adduser',
  'addgroup',
  'passwd',
  'chpasswd',
  'mkdir',
  'rm',
  'rmdir',
  'ln',
  'chmod',
  'chown',
  'chgrp',
  'touch',
  'cp',
  'mv',
  'install',
  'cat',
  'tee',
  'echo',
  'printf',
  'sed',
  'awk',
  'mawk',
  'dirname',
  'basename',
  'mktemp',
  'id',
  'getent',
  'readlink',
  'sha256sum',
  'grep',
  'sort',
  'uniq',
  'head',
  'tail',
  'cut',
  'tr',
  'wc',
  'find',
  'xargs',
  'ls',
  'test',
  '[',
  'true',
  'false',
  'set',
  'cd',
  'export',
  'unset',
  ':',
  'exit',
  'umask',
  'command',
  'which',
  'locale-gen',
  'update-locale',
  'update-ca-certificates',
  'ldconfig',
  'update-alternatives',
]);

const KEYWORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'while',
  'until',
  'for',
  'in',
  'case',
  'esac',
  '!',
  '{',
  '}',
  'time',
]);
const COMMAND_SEPARATORS = new Set(['&&', '||', ';', '|', '&', '(', ')', ';;', '|&']);
const REDIRECTIONS = new Set(['>', '>>', '<', '>&', '<&', '<<', '<<<', '<>', '>|']);

type Token = ReturnType<typeof parseShell>[number];

/** Command substitutions inside a word (`$(...)`, backticks), so their commands are judged too. */
function substitutions(word: string): string[] {
  const out: string[] = [];
  for (let i = word.indexOf('$('); i >= 0; i = word.indexOf('$(', i + 2)) {
    let depth = 0;
    for (let j = i + 1; j < word.length; j++) {
      if (word[j] === '(') depth++;
      else if (word[j] === ')' && --depth === 0) {
        out.push(word.slice(i + 2, j));
        break;
      }
    }
  }
  for (const m of word.matchAll(/`([^`]*)`/g)) out.push(m[1]);
  return out;
}

/**
 * The command words of a shell text: the first word of every simple command, and of the commands inside `$(...)`.
 * Read with shell-quote (quotes, operators, redirections); a rough reading, but only ever too strict for RULE.
 */
export function commandWords(shell: string): string[] {
  const words: string[] = [];
  const tokens: Token[] = parseShell(shell.replace(/\\\r?\n/g, ' '), (name: string) => `$${name}`);
  let atStart = true;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (typeof token !== 'string') {
      if ('op' in token && COMMAND_SEPARATORS.has(token.op)) atStart = true;
      else if ('op' in token && REDIRECTIONS.has(token.op)) i++; // its target word
      continue;
    }
    for (const inner of substitutions(token)) words.push(...commandWords(inner));
    if (!atStart) continue;
    const next = tokens[i + 1];
    const isFd = /^\d+$/.test(token) && typeof next === 'object' && 'op' in next && REDIRECTIONS.has(next.op);
    if (KEYWORDS.has(token) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(token) || isFd) continue;
    words.push(token);
    atStart = false;
  }
  return words;
}

/** The packages named by the `apt-get install`/`apt install` commands of a shell text. */
export function aptPackages(shell: string): string[] {
  const out: string[] = [];
  const tokens: Token[] = parseShell(shell.replace(/\\\r?\n/g, ' '), (name: string) => `$${name}`);
  let command: string[] = [];
  const flush = () => {
    const at = command.findIndex((t) => t === 'apt-get' || t === 'apt');
    const install = command.indexOf('install', at + 1);
    if (at >= 0 && install > at)
      for (const word of command.slice(install + 1)) if (!word.startsWith('-')) out.push(word);
    command = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (typeof token === 'string') command.push(token);
    else if ('op' in token && REDIRECTIONS.has(token.op)) i++;
    else if ('op' in token) flush();
  }
  flush();
  return out;
}

interface AptInfo {
  ok: boolean;
  bytes: number;
  why?: string;
}

/** Whether bookworm has these packages, and the download size of them and what they pull in (apt-get --print-uris). */
function aptCheck(packages: string[]): AptInfo {
  if (packages.length === 0) return { ok: true, bytes: 0 };
  const odd = packages.find((p) => !/^[a-z0-9][a-z0-9+.-]*(:[a-z0-9]+)?(=[^\s]+)?$/.test(p));
  if (odd) return { ok: false, bytes: 0, why: `apt package argument ${odd} is not a plain package name` };
  try {
    const out = execFileSync(
      'apt-get',
      ['install', '--print-uris', '-qq', '--no-install-recommends', '-o', 'Dir::State::status=/dev/null', ...packages],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let bytes = 0;
    for (const line of out.split('\n')) {
      const size = /^'[^']+' \S+ (\d+) /.exec(line)?.[1];
      if (size) bytes += Number(size);
    }
    return { ok: true, bytes };
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '')
      .trim()
      .split('\n')
      .slice(-1)[0];
    return { ok: false, bytes: 0, why: `apt-get cannot install ${packages.join(' ')} on bookworm: ${stderr}` };
  }
}

export interface Verdict {
  file: string;
  picked: boolean;
  /** When only a prefix fits: the number of lines kept. */
  lines?: number;
  why: string;
}

/** Why one instruction cannot be built here by RULE, or undefined when it can; collects its apt packages. */
function instructionProblem(instruction: Instruction, stages: string[], packages: string[]): string | undefined {
  const keyword = instruction.getKeyword().toUpperCase();
  if (keyword === 'FROM') {
    const from = instruction as From;
    const image = from.getImage() ?? '';
    if (!(image.toLowerCase() === 'scratch' || stages.includes(image.toLowerCase()) || DEBIAN_FAMILY.test(image)))
      return `FROM ${image} is not of the Debian family`;
    const stage = from.getBuildStage();
    if (stage) stages.push(stage.toLowerCase());
    return undefined;
  }
  if (keyword === 'COPY' || keyword === 'ADD') return `${keyword} needs the original repository`;
  if (keyword !== 'RUN') return undefined;
  const shell =
    instruction instanceof JSONInstruction && instruction.getJSONStrings().length
      ? instruction
          .getJSONStrings()
          .map((s) => s.getValue())
          .join(' ')
      : (instruction.getArgumentsContent() ?? '');
  for (const word of commandWords(shell)) {
    if (!ALLOWED_COMMANDS.has(word.replace(/^\/(usr\/)?s?bin\//, ''))) return `RUN calls ${word}`;
  }
  packages.push(...aptPackages(shell));
  return undefined;
}

/**
 * Judge one corpus file by RULE. `changes` runs the default pipeline on a text. When the whole file does not fit, the
 * longest prefix of whole instructions that fits is tried (cut before the first instruction that does not fit).
 */
export async function judge(file: string, text: string, changes: (text: string) => Promise<boolean>): Promise<Verdict> {
  const no = (why: string): Verdict => ({ file, picked: false, why });
  if (!(await changes(text))) return no('the default pipeline does not change it');
  const prepared = prepareDockerfile(text);
  const doc = DockerfileParser.parse(text);
  const stages: string[] = [];
  const packages: string[] = [];
  let cut: { line: number; why: string } | undefined;
  for (const instruction of doc.getInstructions()) {
    const problem = instructionProblem(instruction, stages, packages);
    const line = instruction.getRange().start.line;
    const unbuildable = prepared.notBuildable.find((r) => r.startsWith(`line ${line + 1}:`));
    if (problem || unbuildable) {
      cut = { line, why: problem ?? `not buildable here: ${unbuildable}` };
      break;
    }
  }
  let body = text;
  let lines: number | undefined;
  if (cut) {
    lines = cut.line;
    body = text
      .split(/(?<=\n)/)
      .slice(0, lines)
      .join('');
    if (!doc.getFROMs().some((f) => f.getRange().start.line < lines!)) return no(cut.why);
    if (prepareDockerfile(body).notBuildable.length) return no(`${cut.why}; its prefix is not buildable here either`);
    if (!(await changes(body)))
      return no(`${cut.why} (line ${cut.line + 1}); the pipeline does not change the ${lines} lines before it`);
  }
  const apt = aptCheck([...new Set(packages)]);
  if (!apt.ok) return no(apt.why!);
  const mb = apt.bytes / 1e6;
  if (mb > MAX_DOWNLOAD_MB) return no(`its packages download ${mb.toFixed(0)} MB`);
  const what = packages.length
    ? `apt packages: ${[...new Set(packages)].join(' ')} (${mb.toFixed(1)} MB)`
    : 'no apt packages';
  return {
    file,
    picked: true,
    ...(lines !== undefined ? { lines } : {}),
    why: cut ? `lines 1-${lines} (cut before line ${cut.line + 1}: ${cut.why}); ${what}` : `whole file; ${what}`,
  };
}

/** Every file under the corpus's real/ folder, as `<owner>__<repo>/<file>`. */
export function corpusFiles(realDir: string): string[] {
  const out: string[] = [];
  for (const repo of readdirSync(realDir).sort())
    for (const file of readdirSync(join(realDir, repo)).sort()) out.push(`${repo}/${file}`);
  return out;
}

export function readCorpusFile(realDir: string, file: string): string {
  return readFileSync(join(realDir, file), 'utf8');
}
