/**
 * The problems BuildKit reports for a single instruction once its line is parsed: unknown keywords, missing or
 * malformed arguments.
 */
import { KEYWORDS, type BuildkitNode } from './buildkit-args.js';

/** A problem found in one instruction. */
export interface InstructionProblem {
  ruleId: string;
  reason: string;
}

const AT_LEAST_ONE = ['run', 'env', 'label', 'arg', 'expose', 'user', 'workdir', 'volume', 'stopsignal', 'maintainer', 'shell', 'onbuild', 'healthcheck'];
const NOT_UNDER_ONBUILD = new Set(['onbuild', 'from', 'maintainer']);

/** Check one instruction as BuildKit would; `logical` is its logical line. */
export function checkInstruction(node: BuildkitNode, logical: string, nested = false): InstructionProblem[] {
  const name = node.value.toLowerCase();
  const upper = node.value.toUpperCase();
  const count = node.next.length;
  if (name === '') return [{ ruleId: 'missing-keyword', reason: 'Expected an instruction keyword such as FROM or RUN' }];
  if (!KEYWORDS.has(name)) {
    return [{ ruleId: 'unknown-instruction', reason: `Unknown instruction \`${node.value}\`, expected one of ${[...KEYWORDS].map((k) => k.toUpperCase()).join(', ')}` }];
  }
  if (node.error) return [{ ruleId: 'invalid-arguments', reason: `${upper}: ${node.error}` }];
  const missing = (reason: string): InstructionProblem[] => [{ ruleId: 'missing-arguments', reason }];
  if (count === 0 && AT_LEAST_ONE.includes(name)) {
    return missing(`${upper} requires at least one argument`);
  }
  switch (name) {
    case 'from':
      if (count !== 1 && !(count === 3 && String(node.next[1]).toLowerCase() === 'as')) {
        return missing('FROM requires either one argument, or three: FROM <image> AS <name>');
      }
      break;
    case 'copy':
    case 'add':
      if (count < 2) return missing(`${upper} requires at least two arguments: a source and a destination`);
      break;
    case 'shell':
      if (!node.json) return [{ ruleId: 'invalid-arguments', reason: 'SHELL requires the arguments to be in JSON form, e.g. SHELL ["/bin/sh", "-c"]' }];
      break;
    case 'healthcheck': {
      const type = String(node.next[0]).toUpperCase();
      if (type === 'NONE' && count > 1) return [{ ruleId: 'invalid-arguments', reason: 'HEALTHCHECK NONE takes no other arguments' }];
      if (type !== 'NONE' && type !== 'CMD') return [{ ruleId: 'invalid-arguments', reason: `Unknown type \`${node.next[0]}\` in HEALTHCHECK, expected CMD or NONE` }];
      if (type === 'CMD' && count < 2) return missing('HEALTHCHECK CMD requires a command');
      break;
    }
    case 'onbuild': {
      const child = node.next[0] as BuildkitNode;
      const childName = child.value.toLowerCase();
      if (nested || NOT_UNDER_ONBUILD.has(childName)) {
        return [{ ruleId: 'invalid-arguments', reason: `${child.value.toUpperCase()} is not allowed as an ONBUILD trigger` }];
      }
      return checkInstruction(child, logical, true);
    }
  }
  return [];
}
