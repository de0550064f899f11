/**
 * UndefinedVar: an instruction BuildKit expands (COPY, ADD, ENV, LABEL, WORKDIR, USER, VOLUME, STOPSIGNAL, mounts of
 * RUN, ARG defaults) uses a variable that is neither set (by the base image, ENV or an ARG with a value) nor declared
 * by an ARG. A stage built on an image whose environment layerfix does not know is left alone: the image may set the
 * variable. Report only, with BuildKit's "did you mean".
 */
import { memoizeByTree, type InstructionView } from '../../src/engine/index.js';
import { defineCheck, fileFacts, type CheckRun } from './support.js';
import {
  expandedWords,
  setVariables,
  NOT_IN_ENV,
  unknownEnvironments,
  variablesOf,
  type DispatchState,
} from './dispatch.js';
import { suggestion } from './words.js';

export default defineCheck({
  rule: 'UndefinedVar',
  description:
    "Report a variable an instruction expands that nothing sets or declares (BuildKit's UndefinedVar), where the base image's environment is known; report only.",
  meaning: 'layout',
  options: {},
  run(ctx, check) {
    const nodes = expanding(ctx.root);
    if (!nodes.size) return;
    const unknown = unknownEnvironments(ctx.root);
    const escape = ctx.root.data.escape;
    for (const stage of check.facts.stages) {
      if (!check.dispatches(stage) || !stage.instructions.some((view) => nodes.has(view.node))) continue;
      const base = unknown.get(stage);
      if (base !== undefined) {
        // Any variable may come from the base image: nothing in the stage is read, once said why.
        if (check.on(stage.from.node))
          check.declined(
            stage.from.node,
            `Did not look for undefined variables in the stage: its base image \`${base}\` may set any`,
          );
        continue;
      }
      const states = setVariables(ctx.root, ctx.build.args);
      for (const view of stage.instructions) {
        const state = nodes.has(view.node) ? states.get(view.node) : undefined;
        if (!state) continue;
        if (view.name === 'arg') argDefaults(view, state, check, escape);
        else
          for (const word of expandedWords(view)) report(view, variablesOf(word, escape), state, state.declared, check);
      }
    }
  },
});

/** The instructions of a file with a `$` where BuildKit expands, found once per state of the tree. */
const expanding = memoizeByTree(
  'layerfix.checks.expanding',
  (root) =>
    new Set(
      fileFacts(root)
        .views.filter(mayExpand)
        .map((view) => view.node),
    ),
);

/** Whether an instruction has a `$` where BuildKit would expand it (a quick test before the dispatch states are read). */
function mayExpand(view: InstructionView): boolean {
  if (view.name === 'run') return view.flags.some((flag) => flag.name === 'mount' && flag.text.includes('$'));
  return (
    EXPANDING.has(view.name) &&
    (view.args.includes('$') ||
      view.flags.some((flag) => flag.text.includes('$')) ||
      view.heredocs.some((doc) => doc.expand && doc.content.includes('$')))
  );
}

/** Instructions whose words BuildKit expands. */
const EXPANDING = new Set(['env', 'label', 'copy', 'add', 'workdir', 'user', 'stopsignal', 'volume', 'arg']);

/** ARG defaults are expanded one ARG after another, each seeing the ARGs before it. */
function argDefaults(view: InstructionView, state: DispatchState, check: CheckRun, escape: '\\' | '`'): void {
  const declared = new Set(state.declared);
  for (const pair of view.pairs ?? []) {
    if (pair.value !== undefined)
      report(view, variablesOf({ text: pair.value, raw: false }, escape), state, declared, check);
    declared.add(pair.key);
  }
}

function report(
  view: InstructionView,
  names: readonly string[],
  state: DispatchState,
  declared: ReadonlySet<string>,
  check: CheckRun,
): void {
  for (const name of names) {
    if (state.env.has(name) || declared.has(name) || NOT_IN_ENV.has(name) || !check.on(view.node)) continue;
    const suggest = suggestion(name, state.env.keys());
    check.warn(view.node, `Usage of undefined variable '$${name}'${suggest ? ` (did you mean $${suggest}?)` : ''}`);
  }
}
