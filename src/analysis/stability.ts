/**
 * Whether a RUN provably does not depend on files a broad COPY brings in, and does not write where that COPY writes:
 * package installs by name, user and group creation, writes to absolute paths outside the copy's destination.
 */
import { posix } from 'node:path';
import type { ShellCommand, ShellView, ShellWord } from '../engine/index.js';

/** Where the copy writes and where the RUN runs. */
export interface StabilityScope {
  /** The absolute destination of the broad copy. */
  destination: string;
  /** The working directory the RUN runs in. */
  workdir: string;
  /** Extra commands taken as stable: names, or regular expressions matched against the command's text. */
  stableCommands: RegExp[];
}

/** Stable, or not and why. */
export type Stability = { stable: true } | { stable: false; reason: string };

/** Folders package managers install into; a copy into one of them (or above) may collide with an install. */
const SYSTEM_FOLDERS = ['/bin', '/sbin', '/lib', '/lib64', '/etc', '/usr/bin', '/usr/sbin', '/usr/lib', '/usr/lib64', '/usr/share', '/usr/include', '/usr/local/bin', '/usr/local/lib', '/usr/local/share', '/usr/local/bundle', '/var/lib', '/var/cache', '/var/log', '/root', '/home', '/opt', '/tmp'];

const isFlag = (arg: string) => arg.startsWith('-');
/** A package name or spec, not a path or URL (`curl`, `python3=3.11*`, `requests==2.*`, `@scope/pkg@1`). */
const isPackageName = (arg: string) =>
  (!/^[./~]|:\/\/|\.(deb|rpm|apk|whl|tgz|tar\.gz|gem)$/.test(arg) && !arg.includes('/')) || /^@[\w.-]+\/[\w.-]+(@.*)?$/.test(arg);

function packagesByName(args: string[], skipWords: number): string | undefined {
  const operands = args.slice(skipWords).filter((arg) => !isFlag(arg));
  const path = operands.find((arg) => !isPackageName(arg));
  return path ? `installs from \`${path}\`, which may come from the copied files` : undefined;
}

/** Writes to installation folders collide with a copy into one of them. */
function systemWrites(scope: StabilityScope): string | undefined {
  const clash = SYSTEM_FOLDERS.find((folder) => isUnder(folder, scope.destination));
  return clash ? `installs into ${clash}, which the copy into ${scope.destination} also writes` : undefined;
}

/** Package manager subcommands that only fetch or install by name, and how many words precede the names. */
const PACKAGE_MANAGERS: Record<string, { subcommands: Record<string, number>; readsWorkdir?: boolean }> = {
  'apt-get': { subcommands: { update: 1, install: 1, upgrade: 1, 'dist-upgrade': 1, clean: 1, autoclean: 1, autoremove: 1, remove: 1, purge: 1 } },
  apt: { subcommands: { update: 1, install: 1, upgrade: 1, clean: 1, autoremove: 1, remove: 1, purge: 1 } },
  apk: { subcommands: { add: 1, update: 1, upgrade: 1, del: 1, cache: 1 } },
  dnf: { subcommands: { install: 1, update: 1, upgrade: 1, clean: 1, makecache: 1, remove: 1 } },
  yum: { subcommands: { install: 1, update: 1, clean: 1, makecache: 1, remove: 1 } },
  microdnf: { subcommands: { install: 1, update: 1, clean: 1, remove: 1 } },
  zypper: { subcommands: { install: 1, in: 1, refresh: 1, ref: 1, clean: 1 } },
  pip: { subcommands: { install: 1 } },
  pip3: { subcommands: { install: 1 } },
  gem: { subcommands: { install: 1 } },
  npm: { subcommands: { install: 1, i: 1, add: 1 }, readsWorkdir: true },
  yarn: { subcommands: { global: 2 }, readsWorkdir: true },
  pnpm: { subcommands: { add: 1 }, readsWorkdir: true },
};

const PIP_FILE_FLAGS = new Set(['-r', '--requirement', '-c', '--constraint', '-e', '--editable']);

function packageManager(name: string, args: string[], scope: StabilityScope): string | undefined {
  const spec = PACKAGE_MANAGERS[name];
  const sub = args.find((arg) => !isFlag(arg));
  if (!spec || !sub || !(sub in spec.subcommands)) return `runs \`${name} ${sub ?? ''}\`, which is not known to leave the copied files alone`;
  if ((name === 'pip' || name === 'pip3') && args.some((arg) => PIP_FILE_FLAGS.has(arg.split('=')[0]))) {
    return `runs ${name} with a requirements or editable file, which may come from the copied files`;
  }
  if (name === 'npm' || name === 'pnpm') {
    if (!args.some((arg) => arg === '-g' || arg === '--global')) return `runs ${name} ${sub} for the project, which reads its package.json`;
  }
  if (spec.readsWorkdir && isUnder(scope.workdir, scope.destination)) {
    return `runs ${name} in ${scope.workdir}, where it reads configuration files the copy brings in`;
  }
  const operands = args.filter((arg) => !isFlag(arg));
  return packagesByName(operands, operands.indexOf(sub) + spec.subcommands[sub]) ?? systemWrites(scope);
}

/** Commands that write only the absolute paths given to them. */
const PATH_COMMANDS = new Set(['mkdir', 'rm', 'chmod', 'chown', 'chgrp', 'ln', 'touch', 'cp', 'mv', 'tar', 'unzip']);
const ACCOUNT_COMMANDS = new Set(['useradd', 'groupadd', 'adduser', 'addgroup', 'usermod', 'groupmod']);
const SYSTEM_COMMANDS = new Set(['update-ca-certificates', 'ldconfig', 'locale-gen', 'dpkg-reconfigure', 'update-alternatives', 'true', ':', 'echo', 'printf', 'test', '[', 'command', 'which', 'set']);
const DOWNLOADERS = new Set(['curl', 'wget']);

/** Leading operands that are not paths: the mode of chmod, the owner of chown. */
const NON_PATH_OPERANDS: Record<string, number> = { chmod: 1, chown: 1, chgrp: 1 };

function pathsOutsideDestination(name: string, args: string[], scope: StabilityScope): string | undefined {
  let skip = NON_PATH_OPERANDS[name] ?? 0;
  for (const arg of args) {
    if (!isFlag(arg) && skip > 0) {
      skip--;
      continue;
    }
    if (isFlag(arg) && !arg.includes('/')) continue;
    const path = arg.replace(/^-[A-Za-z]+=?/, '');
    if (/^[a-z]+:\/\//.test(path)) continue;
    if (!path.startsWith('/')) return `uses the relative path \`${arg}\` with ${name}, which may name a copied file`;
    if (isUnder(path, scope.destination) || isUnder(scope.destination, path)) return `touches ${path} with ${name}, where the copy writes`;
  }
  return undefined;
}

function downloader(name: string, args: string[], scope: StabilityScope): string | undefined {
  const outputFlag = name === 'curl' ? /^(-o|--output|-[a-zA-Z]*o)$/ : /^(-O|--output-document|-P|--directory-prefix)$/;
  const outputs: string[] = [];
  for (let i = 0; i < args.length; i++) if (outputFlag.test(args[i]) && args[i + 1]) outputs.push(args[i + 1]);
  if (name === 'curl' && args.some((arg) => /^-[a-zA-Z]*O$|^--remote-name/.test(arg))) outputs.push(scope.workdir);
  return pathsOutsideDestination(name, outputs, scope);
}

const CHECKS: Array<[(name: string) => boolean, (name: string, args: string[], scope: StabilityScope) => string | undefined]> = [
  [(name) => name in PACKAGE_MANAGERS, packageManager],
  [(name) => ACCOUNT_COMMANDS.has(name), () => undefined],
  [(name) => SYSTEM_COMMANDS.has(name), () => undefined],
  [(name) => PATH_COMMANDS.has(name), pathsOutsideDestination],
  [(name) => DOWNLOADERS.has(name), downloader],
];

/** Whether every command of a RUN is one that leaves the copied files alone. */
export function runStability(view: ShellView, scope: StabilityScope): Stability {
  if (!view.posix) return { stable: false, reason: `runs under a shell that is not POSIX (${view.reason})` };
  if (view.errors.length) return { stable: false, reason: 'does not parse as shell' };
  const cd = view.hazards.find((hazard) => hazard.kind === 'cd' || hazard.kind === 'source' || hazard.kind === 'eval');
  if (cd) return { stable: false, reason: cd.reason };
  if (scope.destination === '/') return { stable: false, reason: 'would collide with the copy, which writes into / itself' };
  for (const command of view.commands) {
    const why = commandStability(command, scope);
    if (why) return { stable: false, reason: why };
  }
  return { stable: true };
}

function commandStability(command: ShellCommand, scope: StabilityScope): string | undefined {
  if (scope.stableCommands.some((regex) => regex.test(command.text))) return undefined;
  if (!command.name) return undefined;
  const name = command.name.value;
  if (name === null) return `runs a command whose name is only known at build time (\`${command.name.text}\`)`;
  const redirect = command.redirects.find((r) => r.target && /^[<>]/.test(r.operator) && !/^&|^\d$/.test(r.target.text) && !isOutside(r.target, scope));
  if (redirect) return `redirects to or from \`${redirect.target!.text}\`, which may be a copied file`;
  const args = command.args.map((arg) => arg.value ?? arg.text);
  const check = CHECKS.find(([matches]) => matches(name));
  if (!check) return `runs \`${name}\`, which is not known to leave the copied files alone (add it to stableCommands if it does)`;
  return check[1](name, args, scope);
}

function isOutside(word: ShellWord, scope: StabilityScope): boolean {
  const path = word.value ?? '';
  return path === '/dev/null' || (path.startsWith('/') && !isUnder(path, scope.destination) && !isUnder(scope.destination, path));
}

/** Whether `path` is `folder` or below it. */
export function isUnder(path: string, folder: string): boolean {
  const a = posix.normalize(path).replace(/\/+$/, '') || '/';
  const b = posix.normalize(folder).replace(/\/+$/, '') || '/';
  return b === '/' || a === b || a.startsWith(`${b}/`);
}
