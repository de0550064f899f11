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
import type { AnyTransform, BuildSettings, ChangeText, PrinterOptions, TransformContext } from './types.js';

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
export async function runTransforms(root: Root, file: VFile, enabled: EnabledTransform[], printer: PrinterOptions, build: BuildSettings = {}): Promise<string | undefined> {
  // Loaded here, once, so a plugin's ctx.shellView works even when it bundles its own copy of layerfix.
  await loadShellParser();
  // The tree is lossless, so it prints back to the text it was parsed from.
  const inputText = String(file.value);
  const editor = new Editor(root);
  const disables = new DisableMap(root);
  const style = detectStyle(root, printer);
  const notes: Notes = { changes: new Map(), skips: new Map(), findings: new Map() };
  // Texts of earlier passes: a list, not a Set, which would hash every whole text; comparing stops at the length.
  const seen = [inputText];
  const blame = new Set<string>();
  for (let pass = 1; ; pass++) {
    blame.clear();
    // Only the last pass's reasons for declining and findings hold: it ran on the final tree, and changed nothing.
    notes.skips.clear();
    notes.findings.clear();
    for (const { transform, options } of enabled) {
      editor.current = transform.name;
      editor.edits = 0;
      try {
        await transform.run(makeContext(transform, options, { root, file, editor, disables, style, printer, build, notes }));
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
  // A declined step on an instruction that another step changed is not reported: the change says what happened to it.
  const changedAt = new Set([...notes.changes.values()].map((note) => note.at));
  for (const note of notes.changes.values()) note.emit();
  for (const note of notes.skips.values()) if (note.at === undefined || !changedAt.has(note.at)) note.emit();
  for (const note of notes.findings.values()) note.emit();
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
  build: BuildSettings;
  notes: Notes;
}

/** A message to report once the passes are done, with the offset of the instruction it is about. */
interface Note {
  at: number | undefined;
  emit: () => void;
}

/** The changes of every pass, and the reasons for declining and findings of the last one, each by transform, place and text. */
interface Notes {
  changes: Map<string, Note>;
  skips: Map<string, Note>;
  findings: Map<string, Note>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function makeContext(transform: AnyTransform, options: Record<string, unknown>, state: RunState): TransformContext<any> {
  const { root, file, editor, disables, notes } = state;
  const place = (node?: InstructionNode): Position | undefined => (node ? editor.originOf(node).position : undefined);
  const note = (kind: 'change' | 'skip', reason: string | ChangeText, node?: InstructionNode) => {
    const at = place(node);
    const key = `${transform.name}\0${at?.start.offset ?? ''}\0${doneText(reason)}`;
    const into = kind === 'change' ? notes.changes : notes.skips;
    if (!into.has(key)) into.set(key, { at: at?.start.offset, emit: () => report(file, kind, reason, transform.name, at, transform.url) });
  };
  return {
    root,
    file,
    options,
    printer: state.printer,
    build: state.build,
    style: state.style,
    edit: editor,
    instructions: () => instructions(root),
    shellView: cachedShellView,
    enabledFor: (node) => !disables.disabled(editor.originOf(node), transform.name),
    changed: (reason, node, involved = []) => {
      for (const other of involved) {
        const prefix = `${transform.name}\0${place(other)?.start.offset ?? ''}\0`;
        for (const key of notes.skips.keys()) if (key.startsWith(prefix)) notes.skips.delete(key);
      }
      note('change', reason, node);
    },
    skipped: (reason, node) => note('skip', reason, node),
    report: (finding) => {
      const at = finding.place ?? place(finding.node);
      const key = `${transform.name}\0${at?.start.line ?? ''}:${at?.start.column ?? ''}\0${finding.message}`;
      const kind = finding.severity === 'error' ? 'error' : 'finding';
      if (!notes.findings.has(key)) notes.findings.set(key, { at: at?.start.offset, emit: () => report(file, kind, finding.message, transform.name, at, finding.url ?? transform.url, finding.rule) });
    },
  };
}
