/**
 * The options of pip (and of `uv pip`) that take a value, in one list for every reader of a pip command line: the
 * effects model and the Python ecosystem of split-manifest-copy.
 */
import type { OptionSyntax } from './command-line.js';

/** Short options that take a value (`-r requirements.txt`, `-rrequirements.txt`). */
const SHORT = 'rceiftCpbd';

/** Long options that take a value (`--target dir`, `--target=dir`). */
const LONG = [
  '--requirement',
  '--constraint',
  '--editable',
  '--index-url',
  '--extra-index-url',
  '--find-links',
  '--target',
  '--prefix',
  '--root',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--no-binary',
  '--only-binary',
  '--progress-bar',
  '--trusted-host',
  '--cache-dir',
  '--src',
  '--upgrade-strategy',
  '--log',
  '--log-file',
  '--timeout',
  '--retries',
  '--proxy',
  '--cert',
  '--client-cert',
  '--global-option',
  '--config-settings',
  '--report',
  '--python',
  '--dest',
  '--wheel-dir',
  '--group',
];

/** Every option that takes a value, short and long, as written on the command line. */
export const PIP_VALUE_OPTIONS: readonly string[] = [...[...SHORT].map((letter) => `-${letter}`), ...LONG];

/** The same options as a command-line syntax. */
export const PIP_SYNTAX: OptionSyntax = { short: SHORT, long: LONG };
