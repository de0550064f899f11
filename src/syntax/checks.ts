/**
 * The problems BuildKit reports for a single instruction once its line is parsed: unknown keywords, missing or
 * malformed arguments.
 */
import { KEYWORDS, type BuildkitNode } from './buildkit-args.js';
import { splitCommandLine } from './command-line.js';

/** A problem found in one instruction. */
export interface InstructionProblem {
  ruleId: string;
  reason: string;
}

const AT_LEAST_ONE = [
  'run',
  'env',
  'label',
  'arg',
  'expose',
  'user',
  'workdir',
  'volume',
  'stopsignal',
  'maintainer',
  'shell',
  'onbuild',
  'healthcheck',
];
const NOT_UNDER_ONBUILD = new Set(['onbuild', 'from', 'maintainer']);
/** BuildKit's rule for `AS` names, checked lower-cased. */
const STAGE_NAME = /^[a-z][a-z0-9\-_.]*$/;

/** Check one instruction as BuildKit would; `logical` is its logical line. */
export function checkInstruction(node: BuildkitNode, logical: string, nested = false): InstructionProblem[] {
  const name = node.value.toLowerCase();
  const upper = node.value.toUpperCase();
  const count = node.next.length;
  if (name === '')
    return [{ ruleId: 'missing-keyword', reason: 'Expected an instruction keyword such as FROM or RUN' }];
  if (!KEYWORDS.has(name)) {
    return [
      {
        ruleId: 'unknown-instruction',
        reason: `Unknown instruction \`${node.value}\`, expected one of ${[...KEYWORDS].map((k) => k.toUpperCase()).join(', ')}`,
      },
    ];
  }
  const missing = (reason: string): InstructionProblem[] => [{ ruleId: 'missing-arguments', reason }];
  const invalid = (reason: string): InstructionProblem[] => [{ ruleId: 'invalid-arguments', reason }];
  const child = node.next[0];
  if (name === 'onbuild' && child && typeof child !== 'string') {
    if (nested || NOT_UNDER_ONBUILD.has(child.value.toLowerCase())) {
      return invalid(`${child.value.toUpperCase()} is not allowed as an ONBUILD trigger`);
    }
    return checkInstruction(child, splitCommandLine(logical).args, true);
  }
  if (node.error?.endsWith('must have two arguments')) {
    const key = splitCommandLine(logical).args;
    return missing(`${upper} \`${key}\` has no value, expected ${upper} ${key}=<value> or ${upper} ${key} <value>`);
  }
  if (node.error) return invalid(`${upper}: ${node.error}`);
  if (count === 0 && AT_LEAST_ONE.includes(name)) {
    return missing(`${upper} requires at least one argument`);
  }
  switch (name) {
    case 'from': {
      if (count === 0) return missing('FROM requires an image: FROM <image> [AS <name>]');
      const named = count === 3 && String(node.next[1]).toLowerCase() === 'as';
      if (count !== 1 && !named)
        return invalid(
          `FROM takes one argument or three (FROM <image> AS <name>), found ${count}: \`${node.next.join(' ')}\``,
        );
      if (named && !STAGE_NAME.test(String(node.next[2]).toLowerCase())) {
        return invalid(
          `Invalid stage name \`${node.next[2]}\` in FROM, expected a letter, then letters, digits, \`-\`, \`_\` or \`.\``,
        );
      }
      break;
    }
    case 'copy':
    case 'add':
      if (count < 2) return missing(`${upper} requires at least two arguments: a source and a destination`);
      break;
    case 'shell':
      if (!node.json) return invalid('SHELL requires the arguments to be in JSON form, e.g. SHELL ["/bin/sh", "-c"]');
      break;
    case 'healthcheck': {
      const type = String(node.next[0]).toUpperCase();
      if (type === 'NONE' && count > 1) return invalid('HEALTHCHECK NONE takes no other arguments');
      if (type !== 'NONE' && type !== 'CMD')
        return invalid(`Unknown type \`${node.next[0]}\` in HEALTHCHECK, expected CMD or NONE`);
      if (type === 'CMD' && count < 2) return missing('HEALTHCHECK CMD requires a command');
      break;
    }
  }
  return [];
}
