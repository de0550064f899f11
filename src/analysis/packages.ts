/**
 * What the package hygiene transforms share: package-manager commands read off a shell view (apt-get/apt, apk,
 * dnf/yum/microdnf, pip), the RUN instructions they can edit, and word-level edits in logical-line offsets whose
 * text may break the line with the file's escape character.
 */
import {
  effectiveCommand,
  type InstructionView,
  type ShellCommand,
  type ShellView,
  type ShellWord,
} from '../engine/index.js';

/** The package managers the hygiene transforms know. */
export type PackageFamily = 'apt' | 'apk' | 'dnf' | 'pip';

/** A package-manager command found in a shell view. */
export interface PackageCommand {
  family: PackageFamily;
  /** The tool as written without its folder: `apt-get`, `apk`, `yum`, `pip3`, `python3` (for `python3 -m pip`). */
  tool: string;
  /** How to run another subcommand of the same tool the same way: `apt-get`, `sudo yum`, `python3 -m pip`. */
  invocation: string;
  command: ShellCommand;
  /** The subcommand (`install`, `add`, `update`), or null when there is none or it is not static. */
  subcommand: ShellWord | null;
  /** Option words, in order. */
  options: ShellWord[];
  /** The words after the subcommand that are neither options nor option arguments: packages, files, specs. */
  operands: ShellWord[];
  /** An option of unknown arity followed by a word that may be its argument rather than an operand, or null. */
  unsure: ShellWord | null;
  /** True when an option stands between two operands (options before or after all of them are fine). */
  interleaved: boolean;
  /** Where a new option goes: after the subcommand and the options without argument right after it (`install -y|`). */
  optionsEnd: number;
}

interface ToolOptions {
  /** Long options that take the next word as their argument (unless written `--name=value`). */
  long: ReadonlySet<string>;
  /** Long options known to take no argument. */
  flags: ReadonlySet<string>;
  /** Short option letters that take an argument (attached or the next word). */
  short: string;
}

const set = (text: string): ReadonlySet<string> => new Set(text.split(/\s+/).filter(Boolean));

const SPECS: Record<PackageFamily, ToolOptions> = {
  apt: {
    long: set(
      '--config-file --option --target-release --default-release --host-architecture --build-profiles --solver --planner',
    ),
    flags:
      set(`--yes --assume-yes --assume-no --no-install-recommends --install-recommends --no-install-suggests --install-suggests
      --quiet --fix-broken --fix-missing --ignore-missing --download-only --simulate --dry-run --just-print --recon --no-act --reinstall
      --purge --allow-downgrades --allow-remove-essential --allow-change-held-packages --allow-unauthenticated --force-yes --no-upgrade
      --only-upgrade --auto-remove --autoremove --no-remove --show-progress --verbose-versions --show-upgraded --no-show-upgraded
      --print-uris --trivial-only --no-download --mark-auto --with-new-pkgs --ignore-hold --fix-policy --allow-insecure-repositories
      --allow-releaseinfo-change --list-cleanup --no-list-cleanup --compile --build --only-source --arch-only --indep-only --help --version`),
    short: 'cotaP',
  },
  apk: {
    long: set(
      '--repository --root --virtual --arch --cache-dir --keys-dir --repositories-file --wait --progress-fd --timeout --cache-max-age --from',
    ),
    flags:
      set(`--no-cache --update --update-cache --upgrade --latest --allow-untrusted --no-network --no-scripts --force --force-overwrite
      --force-broken-world --force-non-repository --force-old-apk --force-refresh --force-missing-repositories --interactive --no-interactive
      --quiet --verbose --simulate --clean-protected --initdb --no-progress --progress --purge --usermode --no-chown --available --recursive`),
    short: 'Xpt',
  },
  dnf: {
    long: set(`--config --debuglevel --errorlevel --exclude --excludepkgs --enablerepo --disablerepo --repo --repoid --installroot --releasever
      --setopt --disableplugin --enableplugin --forcearch --downloaddir --destdir --color --rpmverbosity --advisory --advisories --bz --bzs
      --cve --cves --sec-severity --secseverity --repofrompath --comment --disableexcludes --disableexcludepkgs`),
    flags:
      set(`--assumeyes --assumeno --nodocs --nobest --best --allowerasing --skip-broken --skip-unavailable --nogpgcheck --refresh
      --cacheonly --downloadonly --quiet --verbose --noplugins --obsoletes --noautoremove --allow-downgrade --no-allow-downgrade
      --showduplicates --security --bugfix --enhancement --newpackage --help --version`),
    short: 'cdexR',
  },
  pip: {
    long: set(`--python --log --proxy --retries --timeout --exists-action --trusted-host --cert --client-cert --cache-dir --use-feature
      --use-deprecated --keyring-provider --requirement --constraint --editable --index-url --extra-index-url --find-links --target
      --platform --python-version --implementation --abi --root --prefix --src --upgrade-strategy --progress-bar --global-option
      --config-settings --only-binary --no-binary --report --root-user-action --group`),
    flags:
      set(`--quiet --verbose --isolated --require-virtualenv --no-input --disable-pip-version-check --no-color --no-cache-dir --debug
      --upgrade --user --no-deps --pre --force-reinstall --ignore-installed --no-build-isolation --no-index --break-system-packages
      --no-compile --compile --no-warn-script-location --no-warn-conflicts --require-hashes --dry-run --prefer-binary --use-pep517
      --no-use-pep517 --ignore-requires-python --no-clean --help --version`),
    short: 'rceiftC',
  },
};

const TOOLS: Record<string, PackageFamily> = {
  'apt-get': 'apt',
  apt: 'apt',
  apk: 'apk',
  dnf: 'dnf',
  yum: 'dnf',
  microdnf: 'dnf',
};
const PIP = /^pip(\d+(\.\d+)*)?$/;
const PYTHON = /^python(\d+(\.\d+)*)?$/;

/** Every package-manager command of a shell view, in source order. */
export function packageCommands(view: ShellView): PackageCommand[] {
  const found: PackageCommand[] = [];
  for (const command of view.commands) {
    if (command.context.includes('error') || command.context.includes('heredoc')) continue;
    const read = packageCommand(command);
    if (read) found.push(read);
  }
  return found;
}

/** The command name and arguments a shell command runs, through `command`, `time`, `sudo` and `env`; `sudo` says whether it ran under sudo. */
export function unwrapCommand(command: ShellCommand): { name: string; args: ShellWord[]; sudo: boolean } | undefined {
  const resolved = effectiveCommand(command);
  if (!resolved) return undefined;
  let { name, args } = resolved;
  let sudo = false;
  while (name === 'sudo' || name === 'env') {
    const options = name === 'sudo' ? /^-[EHn]+$/ : /^[A-Za-z_][A-Za-z0-9_]*=/;
    let index = 0;
    while (index < args.length && options.test(args[index].value ?? '')) index++;
    const next = args[index]?.value;
    if (!next) return undefined;
    sudo ||= name === 'sudo';
    name = next;
    args = args.slice(index + 1);
  }
  return { name, args, sudo };
}

/** The package-manager command a shell command runs (through `sudo`, `env`, `command`, `time`), if any. */
export function packageCommand(command: ShellCommand): PackageCommand | undefined {
  const resolved = unwrapCommand(command);
  if (!resolved) return undefined;
  let { name, args } = resolved;
  const prefix = resolved.sudo ? 'sudo ' : '';
  const tool = name.slice(name.lastIndexOf('/') + 1);
  let family = TOOLS[tool];
  let invocation = `${prefix}${tool}`;
  if (!family && PIP.test(tool)) family = 'pip';
  if (!family && PYTHON.test(tool)) {
    let index = 0;
    while (index < args.length && /^-[A-Za-ln-z]+$/.test(args[index].value ?? '')) index++;
    if (args[index]?.value !== '-m' || args[index + 1]?.value !== 'pip') return undefined;
    family = 'pip';
    invocation = `${prefix}${tool} -m pip`;
    args = args.slice(index + 2);
  }
  if (!family) return undefined;
  return { family, tool, invocation, command, ...readArgs(SPECS[family], args) };
}

type Arity = 'none' | 'next' | 'unknown';

function arity(spec: ToolOptions, option: string): Arity {
  if (option.startsWith('--')) {
    if (option.includes('=')) return 'none';
    return spec.long.has(option) ? 'next' : spec.flags.has(option) ? 'none' : 'unknown';
  }
  const letters = option.slice(1);
  if (letters.includes('=')) return 'none';
  for (let i = 0; i < letters.length; i++)
    if (spec.short.includes(letters[i])) return i === letters.length - 1 ? 'next' : 'none';
  return 'none';
}

function readArgs(
  spec: ToolOptions,
  words: ShellWord[],
): Omit<PackageCommand, 'family' | 'tool' | 'invocation' | 'command'> {
  const read: Omit<PackageCommand, 'family' | 'tool' | 'invocation' | 'command'> = {
    subcommand: null,
    options: [],
    operands: [],
    unsure: null,
    interleaved: false,
    optionsEnd: -1,
  };
  let endOfOptions = false;
  let optionAfterOperand = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const value = word.value;
    if (value === null && !read.subcommand) return read;
    if (value !== null && !endOfOptions && value.startsWith('-') && value !== '-') {
      read.options.push(word);
      if (read.operands.length) optionAfterOperand = true;
      if (value === '--') endOfOptions = true;
      const kind = value === '--' ? 'none' : arity(spec, value);
      if (read.optionsEnd === words[i - 1]?.end && kind === 'none' && value !== '--') read.optionsEnd = word.end;
      if (kind === 'next' && i + 1 < words.length) i++;
      else if (kind === 'unknown' && i + 1 < words.length && !(words[i + 1].value ?? '').startsWith('-'))
        read.unsure ??= word;
    } else if (!read.subcommand) {
      read.subcommand = word;
      read.optionsEnd = word.end;
    } else {
      if (optionAfterOperand) read.interleaved = true;
      read.operands.push(word);
    }
  }
  return read;
}

/** The subcommand's static value, or ''. */
export function subcommandOf(command: PackageCommand): string {
  return command.subcommand?.value ?? '';
}

/** True when an option word is one of `long` (also as `--name=value`) or a short cluster holding `short`. */
export function hasOption(command: PackageCommand, long: readonly string[], short?: string): boolean {
  return command.options.some((word) => {
    const value = word.value ?? '';
    if (long.some((name) => value === name || value.startsWith(`${name}=`))) return true;
    if (!short || value.startsWith('--') || !value.startsWith('-')) return false;
    const letters = value.slice(1);
    const spec = SPECS[command.family];
    for (const letter of letters) {
      if (letter === short) return true;
      if (spec.short.includes(letter)) return false;
    }
    return false;
  });
}

/** True when a command runs `name` with an argument that starts with one of the given paths (`rm -rf /var/lib/apt/lists/*`). */
export function removesPath(command: ShellCommand, names: readonly string[], paths: readonly string[]): boolean {
  const resolved = unwrapCommand(command);
  if (!resolved || !names.includes(resolved.name)) return false;
  return resolved.args.some((arg) => paths.some((path) => (arg.value ?? arg.text).startsWith(path)));
}

/** The targets of a RUN's `--mount=type=cache` flags (fields as BuildKit reads them). */
export function cacheMountTargets(view: InstructionView): string[] {
  const targets: string[] = [];
  for (const flag of view.flags) {
    if (flag.name !== 'mount' || !flag.fields) continue;
    const field = (key: string) => flag.fields!.find((f) => f.key === key)?.value;
    if ((field('type') ?? 'bind').toLowerCase() !== 'cache') continue;
    const target = field('target') ?? field('dst') ?? field('destination');
    if (target) targets.push(target.replace(/\/+$/, '') || '/');
  }
  return targets;
}

/** The first cache mount target that is one of `paths` or lies inside or above one, if any. */
export function cacheMountOver(view: InstructionView, paths: readonly string[]): string | undefined {
  const within = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b === '/';
  return cacheMountTargets(view).find((target) => paths.some((path) => within(target, path) || within(path, target)));
}

/** True when a RUN has `--network=none`. */
export function networkNone(view: InstructionView): boolean {
  return view.flags.some((flag) => flag.name === 'network' && flag.value === 'none');
}
