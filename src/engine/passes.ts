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
const MAX_PASSES = 10;

/**
 * Run the transforms on `root` (parsed from the text of `file`) in place; returns the printed result, checked by the
 * guard, or undefined when the file must be left untouched.
 */
export async function runTransforms(
  root: Root,
  file: VFile,
  enabled: EnabledTransform[],
  printer: PrinterOptions,
  build: BuildSettings = {},
): Promise<string | undefined> {
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
  // A pass runs the transforms up to `last`: those after the last one that edited in a full pass ran on the tree as it
  // now is, and a transform run again on the same tree does the same, so only the ones before need to run again.
  let last = enabled.length - 1;
  // A transform's context does not change between passes: made once, when it first runs.
  const contexts: Array<TransformContext<unknown> | undefined> = [];
  for (let pass = 1; ; pass++) {
    blame.clear();
    let lastEdit = -1;
    for (let index = 0; index <= last; index++) {
      const { transform, options } = enabled[index];
      // Only a transform's last run's reasons for declining and findings hold: it ran on the final tree.
      notes.skips.delete(transform.name);
      notes.findings.delete(transform.name);
      editor.current = transform.name;
      editor.edits = 0;
      try {
        const context = (contexts[index] ??= makeContext(transform, options, {
          root,
          file,
          editor,
          disables,
          style,
          printer,
          build,
          notes,
        }));
        const ran = transform.run(context);
        // Most transforms finish at once: awaiting only a promise spares each of them a turn of the event loop.
        if (ran instanceof Promise) await ran;
      } catch (error) {
        if (error instanceof DeadlineError) throw error;
        const why =
          error instanceof EditError
            ? `made an invalid edit: ${error.message}`
            : `threw: ${(error as Error)?.stack ?? error}`;
        report(
          file,
          'error',
          `Transform ${transform.name} ${why}; the file was left untouched`,
          transform.name,
          undefined,
          transform.url,
        );
        return undefined;
      }
      if (editor.edits) {
        blame.add(transform.name);
        lastEdit = index;
      }
    }
    if (blame.size === 0) break;
    last = last === enabled.length - 1 ? lastEdit : enabled.length - 1;
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
  for (const byTransform of notes.skips.values())
    for (const note of byTransform.values()) if (note.at === undefined || !changedAt.has(note.at)) note.emit();
  for (const byTransform of notes.findings.values()) for (const note of byTransform.values()) note.emit();
  const running = new Set(enabled.map(({ transform }) => transform.name));
  for (const comment of disables.comments) {
    const concerned = comment.names.length === 0 || comment.names.some((name) => running.has(name));
    if (!comment.used && comment.kind !== 'enable' && concerned) {
      const names = comment.names.length ? comment.names.join(', ') : 'any transform';
      report(
        file,
        'warning',
        `Unused layerfix-${comment.kind} comment: it suppressed nothing for ${names}`,
        'disable-comment',
        comment.node.position,
        docsUrl('configuration.md', 'disable-comments'),
      );
    }
  }
  const output = print(root);
  const failure = output === inputText ? undefined : checkGuard(root.data, editor, output);
  if (failure) {
    const who = failure.transform ? `Transform ${failure.transform}` : 'The transforms';
    report(
      file,
      'error',
      `Internal error: ${who} produced output that fails the meaning guard: ${failure.reason}; the file was left untouched`,
      failure.transform ?? 'guard',
    );
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

/**
 * The changes of every pass by transform, place and text; the reasons for declining and findings of each transform's
 * last run, by transform and then by place and text.
 */
interface Notes {
  changes: Map<string, Note>;
  skips: Map<string, Map<string, Note>>;
  findings: Map<string, Map<string, Note>>;
}

/** The notes of one transform in `notes`, made when first asked for. */
function notesOf(notes: Map<string, Map<string, Note>>, name: string): Map<string, Note> {
  let own = notes.get(name);
  if (!own) notes.set(name, (own = new Map()));
  return own;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function makeContext(
  transform: AnyTransform,
  options: Record<string, unknown>,
  state: RunState,
): TransformContext<any> {
  const { root, file, editor, disables, notes } = state;
  const place = (node?: InstructionNode): Position | undefined => (node ? editor.originOf(node).position : undefined);
  const note = (kind: 'change' | 'skip', reason: string | ChangeText, node?: InstructionNode) => {
    const at = place(node);
    const replacing = typeof reason !== 'string' && reason.key !== undefined;
    const key = `${at?.start.offset ?? ''}\0${replacing ? `\u0001${reason.key}` : doneText(reason)}`;
    const into = kind === 'change' ? notes.changes : notesOf(notes.skips, transform.name);
    const id = kind === 'change' ? `${transform.name}\0${key}` : key;
    if (replacing || !into.has(id))
      into.set(id, { at: at?.start.offset, emit: () => report(file, kind, reason, transform.name, at, transform.url) });
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
      const skips = notes.skips.get(transform.name);
      for (const other of skips ? involved : []) {
        const prefix = `${place(other)?.start.offset ?? ''}\0`;
        for (const key of skips!.keys()) if (key.startsWith(prefix)) skips!.delete(key);
      }
      note('change', reason, node);
    },
    skipped: (reason, node) => note('skip', reason, node),
    report: (finding) => {
      const at = finding.place ?? place(finding.node);
      const key = `${at?.start.line ?? ''}:${at?.start.column ?? ''}\0${finding.message}`;
      const kind = finding.severity === 'error' ? 'error' : 'finding';
      const own = notesOf(notes.findings, transform.name);
      if (!own.has(key))
        own.set(key, {
          at: at?.start.offset,
          emit: () =>
            report(file, kind, finding.message, transform.name, at, finding.url ?? transform.url, finding.rule),
        });
    },
  };
}
