/**
 * The shell every instruction's shell form runs under, and what is known of it: the `SHELL` in effect (inherited
 * from a parent stage), the OS of the stage's base image (cmd on Windows), the options the shell starts with (`-e`
 * in `SHELL`, `SHELLOPTS`), what it runs at start (a login shell's profile, `BASH_ENV`), and which files are the
 * shell itself.
 */
import { memoizeByTree, stages, type InstructionNode, type Root } from '../engine/index.js';
import { imageOs, officialLibc, type ImageOs } from './base-images.js';
import { stageBases } from './stage-bases.js';
import { aliases } from './places.js';

/** The shell of an instruction: its `SHELL` array, or `null` for the default `/bin/sh -c`. */
export type ShellInEffect = string[] | null;

/** What is known of the shell a shell-form instruction runs under. */
export interface ShellFacts {
  /** The `SHELL` array in effect; `null` for the default (`/bin/sh -c`, or `cmd /S /C` on Windows). */
  shell: ShellInEffect;
  /** The OS of the stage's base image. */
  os: ImageOs;
  /** What turns errexit on before the text runs (`-e` or `-o errexit` in `SHELL`, errexit in `SHELLOPTS` for bash), if anything. */
  errexit: string | undefined;
  /** Why each start of the shell runs more than the text (a login shell's profile, `BASH_ENV`, an interactive shell). */
  startup: string | undefined;
  /** The files that are the shell: a RUN that replaces one makes the next RUN run another shell. */
  binaries: string[];
  /**
   * The variable that makes the shell load a locale when it starts (`LANG=en_US.UTF-8`), when it may load one (bash,
   * or an `sh` not known to be dash, on glibc): the locale data a RUN changes is then what the next shell sorts its
   * globs by, while a shell already running keeps what it loaded.
   */
  locale: string | undefined;
}

const CMD: string[] = ['cmd', '/S', '/C'];

/** The shell in effect for every instruction of the file (`cmd /S /C` where the stage runs Windows without a SHELL). */
export const shellsInEffect: (root: Root) => ReadonlyMap<InstructionNode, ShellInEffect> = memoizeByTree(
  'layerfix.shells',
  (root) => {
    const out = new Map<InstructionNode, ShellInEffect>();
    for (const [node, facts] of shellFacts(root))
      out.set(node, facts.shell ?? (facts.os.os === 'windows' ? CMD : null));
    return out;
  },
);

/** Whether an image reference names a Windows base image. */
export function isWindowsImage(image: string): boolean {
  return imageOs(image).os === 'windows';
}

/** The shell facts of every instruction of the file. */
export const shellFacts: (root: Root) => ReadonlyMap<InstructionNode, ShellFacts> = memoizeByTree(
  'layerfix.shell-facts',
  readFacts,
);

/** The variables `facts` reads. */
const SHELL_VARIABLES = new Set(['SHELLOPTS', 'BASH_ENV']);

/** The variables that choose a locale (LANGUAGE only chooses the language of messages). */
const LOCALE_VARIABLE = /^(LANG|LC_[A-Z]+)$/;

interface StageEnd {
  shell: ShellInEffect;
  os: ImageOs;
  env: Map<string, string | undefined>;
  /** The image the stage's lineage starts from, when it is one layerfix can name. */
  image: string | undefined;
}

function readFacts(root: Root): Map<InstructionNode, ShellFacts> {
  const bases = stageBases(root);
  const byStage = new Map<string, StageEnd>();
  const result = new Map<InstructionNode, ShellFacts>();
  // The backtick escape is a Windows convention: such a file's stages run Windows unless shown otherwise.
  const windowsFile = root.data.escape === '`';
  for (const stage of stages(root)) {
    const base = bases.get(stage)!;
    const parent = 'stage' in base ? byStage.get(base.stage) : undefined;
    let shell = parent?.shell ?? null;
    const os: ImageOs =
      parent?.os ??
      (windowsFile
        ? { os: 'windows' }
        : (platformOs(stage.from.from?.platform) ??
          ('image' in base
            ? imageOs(base.image)
            : { os: 'unknown', reason: 'unknown' in base ? base.unknown : 'its base stage is unknown' })));
    const env = new Map(parent?.env ?? []);
    const image = parent ? parent.image : 'image' in base ? base.image : undefined;
    // The facts change only at a SHELL or at a variable the shell reads; instructions between share them.
    let current = facts(shell, os, env, image);
    result.set(stage.from.node, current);
    for (const view of stage.instructions) {
      let changed = false;
      if (view.name === 'shell' && view.exec) {
        shell = view.exec;
        changed = true;
      }
      if (view.name === 'env' || view.name === 'arg')
        for (const pair of view.pairs ?? []) {
          // A build argument's value is whatever the build passes (unknown), unless an ENV of the name set one.
          if (view.name === 'env') env.set(pair.key, pair.value);
          else if (env.get(pair.key) === undefined) env.set(pair.key, undefined);
          changed ||= SHELL_VARIABLES.has(pair.key) || LOCALE_VARIABLE.test(pair.key);
        }
      if (changed) current = facts(shell, os, env, image);
      result.set(view.node, current);
    }
    if (stage.name) byStage.set(stage.name.toLowerCase(), { shell, os, env, image });
  }
  return result;
}

/** The OS a `--platform` flag names, if it names one. */
function platformOs(platform: string | undefined): ImageOs | undefined {
  const value = platform;
  if (!value) return undefined;
  if (/^windows(\/|$)/i.test(value)) return { os: 'windows' };
  if (/^linux(\/|$)/i.test(value)) return { os: 'linux' };
  return undefined;
}

function facts(
  shell: ShellInEffect,
  os: ImageOs,
  env: ReadonlyMap<string, string | undefined>,
  image: string | undefined,
): ShellFacts {
  const argv = shell ?? ['/bin/sh', '-c'];
  // `SHELL ["/usr/bin/env", "BASH_ENV=/etc/x", "bash", "-c"]`: the shell is what env runs, with its variables (red team 35).
  const { argv: run, env: shellEnv } = throughEnv(argv, env);
  env = shellEnv;
  const program = run[0] ?? '';
  const bash = /(^|\/)bash$/.test(program);
  // Options before the command text; the last one is `-c` or ends in it (`-ec`).
  const flags = run.slice(1);
  const errexit = flags.some(
    (flag, i) => /^-[a-zA-Z]*e[a-zA-Z]*$/.test(flag) || (flag === '-o' && flags[i + 1] === 'errexit'),
  )
    ? `SHELL ${JSON.stringify(argv)}`
    : bash && /(^|:)errexit(:|$)/.test(env.get('SHELLOPTS') ?? '')
      ? `SHELLOPTS=${env.get('SHELLOPTS')}`
      : undefined;
  let startup: string | undefined;
  if (flags.some((flag) => /^-[a-zA-Z]*[li][a-zA-Z]*$/.test(flag) || flag === '--login' || flag === '--interactive')) {
    startup = `the SHELL ${JSON.stringify(argv)} starts a login or interactive shell, which reads profile files at every start`;
  } else if (bash && env.has('BASH_ENV')) {
    startup = 'BASH_ENV is set, so bash runs that file at every start';
  } else if (bash && env.has('SHELLOPTS') && !/^[a-z:]*$/.test(env.get('SHELLOPTS') ?? '?')) {
    startup = 'SHELLOPTS is set to a value layerfix cannot read, and bash applies it at every start';
  }
  const binaries = [argv[0] ?? '', program].filter((path) => path.startsWith('/')).flatMap(aliases);
  if (program === '/bin/sh' || program === '/usr/bin/sh') {
    // /bin/sh is a link to the real shell (dash, bash or busybox): replacing either changes the next RUN's shell.
    for (const real of ['/bin/dash', '/bin/bash', '/bin/busybox', '/bin/ash', '/etc/alternatives/sh'])
      binaries.push(...aliases(real));
  }
  return { shell, os, errexit, startup, binaries: [...new Set(binaries)], locale: localeLoaded(argv, env, image) };
}

/** The command `/usr/bin/env NAME=value ... program args` runs, and the variables it runs it with; else as given. */
function throughEnv(
  argv: readonly string[],
  env: ReadonlyMap<string, string | undefined>,
): { argv: readonly string[]; env: ReadonlyMap<string, string | undefined> } {
  if (!/(^|\/)env$/.test(argv[0] ?? '')) return { argv, env };
  const assigned = new Map(env);
  let index = 1;
  // env's own options (`-i`, `-u NAME` is not followed), then NAME=value words, then the command and its arguments.
  while (index < argv.length && argv[index].startsWith('-')) index++;
  for (; index < argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[index]); index++)
    assigned.set(argv[index].split('=')[0], argv[index].slice(argv[index].indexOf('=') + 1));
  return { argv: argv.slice(index), env: assigned };
}

/**
 * The variable that makes the shell of `argv` load a locale at start (see {@link ShellFacts.locale}), if any; a
 * `SHELL ["/usr/bin/env", "LANG=...", "/bin/bash", "-c"]` sets it for the shell it runs.
 */
function localeLoaded(
  argv: readonly string[],
  stageEnv: ReadonlyMap<string, string | undefined>,
  image: string | undefined,
): string | undefined {
  const { argv: run, env } = throughEnv(argv, stageEnv);
  const program = run[0] ?? '';
  const libc = image === undefined ? undefined : officialLibc(image);
  if (libc === 'musl' || /(^|\/)dash$/.test(program)) return undefined;
  if (libc === 'glibc-dash' && /^\/(usr\/)?bin\/sh$/.test(program)) return undefined;
  for (const [name, value] of env)
    if (LOCALE_VARIABLE.test(name) && value !== 'C' && value !== 'POSIX' && value !== '')
      return `${name}=${value ?? '(a build argument)'}`;
  return undefined;
}
