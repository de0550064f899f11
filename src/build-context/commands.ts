/**
 * `docker build`, `docker buildx build`, `podman build` and `buildah build` command lines in shell text (a workflow's
 * `run:`, a Makefile recipe, a script), read with the shell view: the `-f`/`--file`, `--target` and the context
 * operand, relative to the working directory the text runs in (`cd` followed where its folder is known).
 */
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, posix, resolve } from 'node:path';
import { shellView, type ShellCommand, type ShellWord } from '../shell/index.js';
import { unwrapCommand } from '../analysis/index.js';
import type { SourceSink } from './types.js';

/** A variable's value: a string, or why it is not known. */
export type VarValue = string | { unknown: string };

/** The variables a text runs with; `undefined` for a name that is not set anywhere layerfix can see. */
export type Vars = Map<string, VarValue>;

/** Where the text is and how it runs. */
export interface CommandScope {
  /** The working directory the text starts in (absolute), or why it is not known. */
  cwd: VarValue;
  /** The variables known before the text runs (changed as the text assigns them). */
  vars: Vars;
  /** For messages: the build file and the line the text starts on (1-based). */
  file: string;
  line: number;
  /** The line offsets of `text` (for the line of a command); defaults to counting newlines. */
  lineOf?: (offset: number) => number;
  /** Where a command at an offset is, for messages, in place of `file:line` (a GitLab job's script item). */
  where?: (offset: number) => string;
  /** The script's own path, for `$0` (scripts only). */
  script?: string;
  /** How to name a variable in messages (a Makefile's `$(NAME)`, a workflow expression). */
  describe?: (name: string) => string;
}

/** The value of a shell word under `vars`: `$NAME`, `${NAME}` and quotes are understood; anything else is unknown. */
function wordValue(word: ShellWord, vars: Vars, describe: (name: string) => string = (n) => `$${n}`): VarValue {
  if (word.value !== null) return word.value;
  const text = word.text;
  let out = '';
  let i = 0;
  let quote: '"' | null = null;
  const variable = (at: number): { name: string; end: number } | undefined => {
    const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(text.slice(at));
    if (braced) return { name: braced[1], end: at + braced[0].length };
    const plain = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(at));
    return plain ? { name: plain[1], end: at + plain[0].length } : undefined;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      quote = quote ? null : '"';
      i++;
    } else if (c === "'" && !quote) {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return { unknown: `the word ${text} is not closed` };
      out += text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '\\') {
      out += text[i + 1] ?? '';
      i += 2;
    } else if (c === '$') {
      const ref = variable(i);
      if (!ref) return { unknown: `${text} is only known when it runs` };
      const value = vars.get(ref.name);
      if (value === undefined) return { unknown: `the variable ${describe(ref.name)} is not set in the repository` };
      if (typeof value !== 'string') return value;
      out += value;
      i = ref.end;
    } else if (c === '`') {
      return { unknown: `${text} is only known when it runs` };
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Options of `docker build` and friends that take a value (a following word unless written `--name=value`). */
const VALUE_OPTIONS = new Set(
  (
    'add-host allow annotation attest build-arg build-arg-file build-context builder cache-from cache-to call cgroup-parent ' +
    'cpu-period cpu-quota cpu-shares cpuset-cpus cpuset-mems file iidfile isolation label metadata-file memory memory-swap ' +
    'network no-cache-filter output platform progress provenance sbom secret security-opt shm-size ssh tag target ulimit ' +
    'policy authfile cap-add cap-drop cert-dir creds decryption-key device dns dns-option dns-search env format from ' +
    'ignorefile jobs layer-label manifest os arch variant runtime runtime-flag sign-by timestamp volume userns ' +
    'userns-uid-map userns-gid-map uts pid ipc hooks-dir retry retry-delay cw unsetenv unsetlabel os-feature os-version ' +
    'inherit-labels skip-unused-stages source-date-epoch ' +
    // buildah's and podman's global options, written before or after `bud`/`build`
    'storage-driver storage-opt root runroot log-level registries-conf registries-conf-dir cgroup-manager ' +
    'signature-policy cache-ttl userns-uid-map-user userns-gid-map-group'
  ).split(' '),
);

/** Options that take no value. */
const FLAG_OPTIONS = new Set(
  (
    'check debug load no-cache pull push quiet rm force-rm squash compress disable-content-trust stream layers ' +
    'no-hosts no-hostname tls-verify identity-label omit-history all-platforms sbom-scanner rewrite-timestamp'
  ).split(' '),
);

const SHORT_VALUE = new Set(['f', 't', 'o', 'm', 'c', 'v']);
const SHORT_FLAG = new Set(['q', 'D']);

/**
 * The build tool a command runs (through `sudo`, `env`, `command` and `exec` too), when it is one of those layerfix reads,
 * with the words after its subcommand.
 */
function buildCommand(command: ShellCommand): { tool: string; words: ShellWord[] } | undefined {
  const unwrapped = unwrapCommand(command);
  if (!unwrapped) return undefined;
  let name = unwrapped.name.split('/').pop();
  let words = unwrapped.args;
  // `exec podman build ...` replaces the shell with the build.
  if (name === 'exec' && words[0]?.value && !words[0].value.startsWith('-')) {
    name = words[0].value.split('/').pop();
    words = words.slice(1);
  }
  const args = words.map((a) => a.value);
  const found = (tool: string, at: number) => ({ tool, words: words.slice(at) });
  if (name === 'docker') {
    if (args[0] === 'build') return found('docker build', 1);
    if (args[0] === 'image' && args[1] === 'build') return found('docker image build', 2);
    if (args[0] === 'builder' && args[1] === 'build') return found('docker builder build', 2);
    if (args[0] === 'buildx' && (args[1] === 'build' || args[1] === 'b')) return found('docker buildx build', 2);
  }
  if (name === 'podman' && args[0] === 'build') return found('podman build', 1);
  if (name === 'podman' && args[0] === 'image' && args[1] === 'build') return found('podman image build', 2);
  if (name === 'buildah' && (args[0] === 'build' || args[0] === 'bud')) return found(`buildah ${args[0]}`, 1);
  return undefined;
}

/** What the command line of a build says, or why it cannot be read. */
type Parsed = { file?: VarValue; target?: VarValue; context?: VarValue; ignoreFile?: VarValue } | { problem: string };

function readOptions(words: ShellWord[], vars: Vars, describe: (name: string) => string): Parsed {
  const out: { file?: VarValue; target?: VarValue; context?: VarValue; ignoreFile?: VarValue } = {};
  const positionals: ShellWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const raw = words[i].value ?? words[i].text;
    const long = /^--([a-z][a-z0-9-]*)(=(.*))?$/s.exec(raw);
    if (raw === '--') {
      positionals.push(...words.slice(i + 1));
      break;
    }
    if (long) {
      const name = long[1];
      let value: VarValue | undefined;
      if (long[2] !== undefined) {
        const word = words[i];
        value =
          word.value !== null
            ? long[3]
            : wordValue({ ...word, text: word.text.slice(word.text.indexOf('=') + 1), value: null }, vars, describe);
      } else if (VALUE_OPTIONS.has(name)) {
        const next = words[++i];
        if (!next) return { problem: `--${name} has no value` };
        value = wordValue(next, vars, describe);
      } else if (!FLAG_OPTIONS.has(name)) {
        return {
          problem: `layerfix does not know whether its option --${name} takes a value, so it cannot tell which word is the context`,
        };
      }
      if (name === 'file') out.file = value;
      if (name === 'target') out.target = value;
      if (name === 'ignorefile') out.ignoreFile = value;
      continue;
    }
    if (/^-[A-Za-z]/.test(raw)) {
      for (let k = 1; k < raw.length; k++) {
        const letter = raw[k];
        if (SHORT_FLAG.has(letter)) continue;
        if (!SHORT_VALUE.has(letter)) return { problem: `layerfix does not know its option -${letter}` };
        const rest = raw.slice(k + 1);
        let value: VarValue;
        if (rest) value = words[i].value !== null ? rest : { unknown: `${raw} is only known when it runs` };
        else {
          const next = words[++i];
          if (!next) return { problem: `-${letter} has no value` };
          value = wordValue(next, vars, describe);
        }
        if (letter === 'f') out.file = value;
        break;
      }
      continue;
    }
    positionals.push(words[i]);
  }
  if (positionals.length !== 1) {
    return {
      problem: positionals.length
        ? `it has ${positionals.length} operands (${positionals.map((w) => w.text).join(' ')}) where the context is one`
        : 'it names no context',
    };
  }
  out.context = wordValue(positionals[0], vars, describe);
  return out;
}

/** The Dockerfile a build uses when `-f` is not given: `<context>/Dockerfile` (podman and buildah try `Containerfile` first). */
function defaultDockerfile(tool: string, context: string): string {
  const names = tool.startsWith('docker') ? ['Dockerfile', 'dockerfile'] : ['Containerfile', 'Dockerfile'];
  for (const name of names) if (existsSync(resolve(context, name))) return resolve(context, name);
  return resolve(context, names[tool.startsWith('docker') ? 0 : 1]);
}

/** `$(dirname "$0")` and `${BASH_SOURCE[0]}` forms, with an optional `/..` tail: the script's folder. */
const SCRIPT_DIR =
  /^"?\$\(\s*dirname\s+"?(?:\$0|\$\{0\}|\$\{BASH_SOURCE(?:\[0\])?\}|\$BASH_SOURCE)"?\s*\)((?:\/[^"$`]*)?)"?$/;
const SCRIPT_DIR_PWD =
  /^"?\$\(\s*cd\s+"?\$\(\s*dirname\s+"?(?:\$0|\$\{0\}|\$\{BASH_SOURCE(?:\[0\])?\}|\$BASH_SOURCE)"?\s*\)((?:\/[^"$`]*)?)"?\s*(?:&&|;)\s*pwd(?:\s+-P)?\s*\)"?$/;

function scriptDir(text: string, script: string | undefined): string | undefined {
  if (!script) return undefined;
  const match = SCRIPT_DIR.exec(text) ?? SCRIPT_DIR_PWD.exec(text);
  return match ? resolve(dirname(script), `.${match[1] || ''}`) : undefined;
}

/**
 * Read the build commands of a shell text and report each to `sink`. Tracks `cd` (a folder that is not known makes the
 * builds after it unusable), and assignments `NAME=value` of the text's own shell.
 */
export function readBuildCommands(text: string, scope: CommandScope, outer: SourceSink): void {
  if (!/\b(docker|podman|buildah)\b/.test(text)) return;
  const view = shellView(text);
  const vars: Vars = new Map(scope.vars);
  const describe = scope.describe ?? ((name: string) => `$${name}`);
  let cwd: VarValue = scope.cwd;
  let local: { item: number | null; cwd: VarValue } | undefined;
  // The folders pushd left behind, for popd (top-level only).
  const pushed: VarValue[] = [];
  const lineOf = scope.lineOf ?? ((offset: number) => scope.line + (text.slice(0, offset).match(/\n/g)?.length ?? 0));
  const where = scope.where ?? ((offset: number) => `${scope.file}:${lineOf(offset)}`);
  for (const command of view.commands) {
    if (command.context.some((c) => c === 'command-substitution' || c === 'process-substitution')) continue;
    if (local && local.item !== command.item) local = undefined;
    // A function runs where it is called from, which layerfix does not follow (red team 32).
    const here: VarValue = command.context.includes('function')
      ? { unknown: 'it is in a shell function, which runs in the folder it is called from' }
      : local
        ? local.cwd
        : cwd;
    if (command.form === 'assignment' && command.topLevel) {
      for (const a of command.assignments) {
        if (!a.value) vars.set(a.name, '');
        else {
          const dir = scriptDir(a.value.text, scope.script);
          vars.set(a.name, dir ?? wordValue(a.value, vars, describe));
        }
      }
      continue;
    }
    const name = command.name?.value;
    if (name === 'popd') {
      const back: VarValue = pushed.pop() ?? { unknown: 'popd with no pushd before it' };
      if (command.topLevel) cwd = back;
      else local = { item: command.item, cwd: { unknown: 'popd in a compound command' } };
      continue;
    }
    if (name === 'cd' || name === 'pushd') {
      if (name === 'pushd') pushed.push(command.topLevel ? here : { unknown: 'pushd in a compound command' });
      const arg = command.args.find((a) => !(a.value ?? '').startsWith('-'));
      let next: VarValue;
      if (!arg) next = { unknown: 'cd without a folder goes to $HOME' };
      else {
        const dir = scriptDir(arg.text, scope.script);
        const value = dir ?? wordValue(arg, vars, describe);
        next = typeof value !== 'string' ? value : typeof here !== 'string' ? here : resolve(here, value);
      }
      if (command.topLevel) cwd = next;
      else local = { item: command.item, cwd: next };
      continue;
    }
    const build = buildCommand(command);
    if (!build) continue;
    // podman and buildah read Dockerfiles by other rules: what their builds say, usable or not, carries the tool.
    const podman = /^(podman|buildah)/.test(build.tool);
    const sink = podman ? withPodman(outer, build.tool) : outer;
    const source = `${where(command.start)}: ${build.tool}`;
    const parsed = readOptions(build.words, vars, describe);
    if ('problem' in parsed) {
      sink.unusable({ source, reason: parsed.problem });
      continue;
    }
    const file = parsed.file;
    const absoluteFile =
      typeof file === 'string' && typeof here === 'string'
        ? resolve(here, file)
        : typeof file === 'string' && isAbsolute(file)
          ? file
          : undefined;
    if (typeof here !== 'string') {
      sink.unusable({
        source,
        reason: `it runs in a folder that is not known (${here.unknown})`,
        ...(absoluteFile
          ? { dockerfile: absoluteFile }
          : typeof file === 'string' && file !== '-'
            ? { dockerfileTail: posix.normalize(file) }
            : {}),
      });
      continue;
    }
    const context = parsed.context!;
    if (typeof context !== 'string') {
      sink.unusable({
        source,
        reason: `its context is not known: ${context.unknown}`,
        ...(absoluteFile ? { dockerfile: absoluteFile } : {}),
      });
      continue;
    }
    if (context === '-' || /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@')) {
      sink.unusable({
        source,
        reason: context === '-' ? 'it reads its context from standard input' : `its context ${context} is remote`,
        ...(absoluteFile ? { dockerfile: absoluteFile } : {}),
      });
      continue;
    }
    const contextDir = resolve(here, context);
    if (file !== undefined && typeof file !== 'string') {
      // The ignore file it names goes with it: a fallback reads another (red team 35).
      const named =
        podman && typeof parsed.ignoreFile === 'string' ? { ignoreFile: resolve(here, parsed.ignoreFile) } : {};
      sink.unusable({ source, context: contextDir, ...named, reason: `its Dockerfile is not known: ${file.unknown}` });
      continue;
    }
    if (file === '-') {
      sink.unusable({ source, reason: 'it reads its Dockerfile from standard input' });
      continue;
    }
    const dockerfile = file !== undefined ? resolve(here, file) : defaultDockerfile(build.tool, contextDir);
    // podman and buildah read the file --ignorefile names, else the Dockerfile's own <file>.containerignore or
    // <file>.dockerignore (red team 32), else the context's .containerignore before .dockerignore.
    const named = podman ? parsed.ignoreFile : undefined;
    if (named !== undefined && typeof named !== 'string') {
      sink.unusable({ source, dockerfile, reason: `its --ignorefile is not known: ${named.unknown}` });
      continue;
    }
    const own = podman && named === undefined ? ownIgnoreFiles(dockerfile) : [];
    if (own.length > 1) {
      sink.unusable({
        source,
        dockerfile,
        reason: `the Dockerfile has two ignore files of its own (${own.map((f) => basename(f)).join(', ')}), and layerfix does not know which ${build.tool} reads`,
      });
      continue;
    }
    const containerignore = join(contextDir, '.containerignore');
    const ignoreFile =
      named !== undefined
        ? resolve(here, named)
        : own.length
          ? own[0]
          : podman && existsSync(containerignore)
            ? containerignore
            : undefined;
    const target = parsed.target;
    if (target !== undefined && typeof target !== 'string') {
      sink.unusable({
        source,
        dockerfile,
        context: contextDir,
        ...(ignoreFile ? { ignoreFile } : {}),
        reason: `its --target is not known: ${target.unknown}`,
      });
      continue;
    }
    sink.build({
      dockerfile,
      context: contextDir,
      source,
      ...(target ? { target } : {}),
      ...(ignoreFile ? { ignoreFile } : {}),
    });
  }
}

/** The ignore files of a Dockerfile's own that podman and buildah read (`<file>.containerignore`, `<file>.dockerignore`). */
function ownIgnoreFiles(dockerfile: string): string[] {
  return [`${dockerfile}.containerignore`, `${dockerfile}.dockerignore`].filter((file) => existsSync(file));
}

/** A sink that marks every build and unusable build reported to it as run by podman or buildah (`tool`). */
export function withPodman(sink: SourceSink, tool: string): SourceSink {
  return {
    build: (found) => sink.build({ ...found, podman: tool }),
    unusable: (found) => sink.unusable({ ...found, podman: tool }),
  };
}
