/**
 * The meaning guard: the printed output is parsed again and each of its instructions must mean what the transforms
 * declared. A file that fails is left untouched.
 */
import { parse } from '../syntax/parse.js';
import { print } from '../syntax/print.js';
import type { InstructionNode, RootData, TopNode } from '../syntax/types.js';
import { instructionView } from '../syntax/view.js';
import type { Editor } from './editor.js';
import { meaningKey } from './meaning.js';

/** Why the guard rejected an output. */
export interface GuardFailure {
  /** The transform that declared the instruction that came out different, when known. */
  transform?: string;
  reason: string;
}

/** Check `output` (the printed tree) against what the edits declared; undefined when it holds. */
export function checkGuard(input: RootData, editor: Editor, output: string): GuardFailure | undefined {
  const reparsed = parse(output);
  const errors = reparsed.data.diagnostics.filter((d) => d.severity === 'error').length;
  const inputErrors = input.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > inputErrors) {
    const first = reparsed.data.diagnostics.find((d) => d.severity === 'error')!;
    return { reason: `the output does not parse: ${first.reason} at ${first.line}:${first.column}` };
  }
  if (JSON.stringify(reparsed.data.directives) !== JSON.stringify(input.directives)) {
    return { reason: 'the output changes the parser directives' };
  }
  const expected = editor.root.children.filter(isInstruction);
  const actual = reparsed.children.filter(isInstruction);
  if (expected.length !== actual.length) {
    return { reason: `the output has ${actual.length} instructions where ${expected.length} were expected` };
  }
  for (let i = 0; i < expected.length; i++) {
    if (!editor.declaredBy(expected[i]) && print(expected[i]) === print(actual[i])) continue;
    const want = editor.keyOf(expected[i]);
    const got = meaningKey(instructionView(actual[i], reparsed.data.escape));
    if (want !== got) {
      const line = actual[i].position?.start.line ?? 0;
      return {
        transform: editor.declaredBy(expected[i]),
        reason: `instruction ${i + 1} (line ${line} of the output) would mean ${got} where ${want} was declared`,
      };
    }
  }
  return undefined;
}

function isInstruction(node: TopNode): node is InstructionNode {
  return node.type === 'instruction';
}
