/**
 * Run enabled transforms over one parsed file to a fixed point, then check the result with the guard.
 */
import type { VFile } from 'vfile';
import { print } from '../syntax/print.js';
import type { InstructionNode, Position, Root } from '../syntax/types.js';
import { instructions } from '../syntax/view.js';
import { loadShellParser } from '../shell/index.js';
import { detectStyle, type Style } from '../printer/index.js';
import { DisableMap } from './disable.js';
import { Editor, EditError } from './editor.js';
import { DeadlineError } from './deadline.js';
import { checkGuard } from './guard.js';
import { docsUrl, doneText, report } from './messages.js';
import { cachedShellView } from './shell-cache.js';
import type { AnyTransform, ChangeText, PrinterOptions, TransformContext } from './types.js';

/** A transform with its resolved options. */
export interface EnabledTransform {
  transform: AnyTransform;
  options: Record<string, unknown>;
}

/** At most this many passes over the transforms before the file is reported as not settling. */
export const MAX_PASSES = 10;

/**
 * Run the transforms on `root` (parsed from the text of `file`) in place; returns the printed result, checked by the
 * guard, or undefined when the file must be left untouched.
 */
export async function runTransforms(root: Root, file: VFile, enabled: EnabledTransform[], printer: PrinterOptions): Promise<string | undefined> {
  // Loaded here, once, so a plugin's ctx.shellView works even when it bundles its own copy of layerfix.
  await loadShellParser();
  // The tree is lossless, so it prints back to the text it was parsed from.
  const inputText = String(file.value);
  const editor = new Editor(root);
  const disables = new DisableMap(root);
  const style = detectStyle(root, printer);
  const notes = new Map<string, () => void>();
  // Texts of earlier passes: a list, not a Set, which would hash every whole text; comparing stops at the length.
  const seen = [inputText];
  const blame = new Set<string>();
  for (let pass = 1; ; pass++) {
    blame.clear();
    for (const { transform, options } of enabled) {
      editor.current = transform.name;
      editor.edits = 0;
      try {
        await transform.run(makeContext(transform, options, { root, file, editor, disables, style, printer, notes }));
      } catch (error) {
        if (error instanceof DeadlineError) throw error;
        const why = error instanceof EditError ? `made an invalid edit: ${error.message}` : `threw: ${(error as Error)?.stack ?? error}`;
        report(file, 'error', `Transform ${transform.name} ${why}; the file was left untouched`, transform.name, undefined, transform.url);
        return undefined;
      }
      if (editor.edits) blame.add(transform.name);
    }
    if (blame.size === 0) break;
    const text = print(root);
    const cycle = seen.includes(text);
    if (cycle || pass === MAX_PASSES) {
      const what = cycle ? 'undo each other' : `did not settle after ${MAX_PASSES} passes`;
      report(file, 'error', `Transforms ${[...blame].join(', ')} ${what}; the file was left untouched`, [...blame][0]);
      return undefined;
    }
    seen.push(text);
  }
  for (const emit of notes.values()) emit();
  const running = new Set(enabled.map(({ transform }) => transform.name));
  for (const comment of disables.comments) {
    const concerned = comment.names.length === 0 || comment.names.some((name) => running.has(name));
    if (!comment.used && comment.kind !== 'enable' && concerned) {
      const names = comment.names.length ? comment.names.join(', ') : 'any transform';
      report(file, 'warning', `Unused layerfix-${comment.kind} comment: it suppressed nothing for ${names}`, 'disable-comment', comment.node.position, docsUrl('configuration.md', 'disable-comments'));
    }
  }
  const output = print(root);
  const failure = output === inputText ? undefined : checkGuard(root.data, editor, output);
  if (failure) {
    const who = failure.transform ? `Transform ${failure.transform}` : 'The transforms';
    report(file, 'error', `Internal error: ${who} produced output that fails the meaning guard: ${failure.reason}; the file was left untouched`, failure.transform ?? 'guard');
    return undefined;
  }
  return output;
}

interface RunState {
  root: Root;
  file: VFile;
  editor: Editor;
  disables: DisableMap;
  style: Style;
  printer: PrinterOptions;
  notes: Map<string, () => void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function makeContext(transform: AnyTransform, options: Record<string, unknown>, state: RunState): TransformContext<any> {
  const { root, file, editor, disables, notes } = state;
  const place = (node?: InstructionNode): Position | undefined => (node ? editor.originOf(node).position : undefined);
  const note = (kind: 'change' | 'skip', reason: string | ChangeText, node?: InstructionNode) => {
    const at = place(node);
    const key = `${transform.name}\0${kind}\0${at?.start.offset ?? ''}\0${doneText(reason)}`;
    if (!notes.has(key)) notes.set(key, () => report(file, kind, reason, transform.name, at, transform.url));
  };
  return {
    root,
    file,
    options,
    printer: state.printer,
    style: state.style,
    edit: editor,
    instructions: () => instructions(root),
    shellView: cachedShellView,
    enabledFor: (node) => !disables.disabled(editor.originOf(node), transform.name),
    changed: (reason, node, involved = []) => {
      for (const other of involved) {
        const prefix = `${transform.name}\0skip\0${place(other)?.start.offset ?? ''}\0`;
        for (const key of notes.keys()) if (key.startsWith(prefix)) notes.delete(key);
      }
      note('change', reason, node);
    },
    skipped: (reason, node) => note('skip', reason, node),
  };
}
