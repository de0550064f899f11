/**
 * UndefinedVar: an instruction BuildKit expands (COPY, ADD, ENV, LABEL, WORKDIR, USER, VOLUME, STOPSIGNAL, mounts of
 * RUN, ARG defaults) uses a variable that is neither set (by the base image, ENV or an ARG with a value) nor declared
 * by an ARG. A stage built on an image whose environment layerfix does not know is left alone: the image may set the
 * variable. Report only, with BuildKit's "did you mean".
 */
import { type InstructionView } from '../../src/engine/index.js';
import { defineCheck, type CheckRun } from './support.js';
import { expandedWords, setVariables, NOT_IN_ENV, variablesOf, type DispatchState } from './dispatch.js';
import { suggestion } from './words.js';

export default defineCheck({
  rule: 'UndefinedVar',
  description: 'Report a variable an instruction expands that nothing sets or declares (BuildKit\'s UndefinedVar), where the base image\'s environment is known; report only.',
  meaning: 'layout',
  options: {},
  run(ctx, check) {
    if (!check.facts.views.some(mayExpand)) return;
    const states = setVariables(ctx.root, ctx.build.args);
    const escape = ctx.root.data.escape;
    for (const stage of check.facts.stages) {
      if (!check.dispatches(stage)) continue;
      for (const view of stage.instructions) {
        const state = mayExpand(view) ? states.get(view.node) : undefined;
        if (!state) continue;
        if (view.name === 'arg') argDefaults(view, state, check, escape);
        else for (const word of expandedWords(view)) report(view, variablesOf(word, escape), state, state.declared, check);
      }
    }
  },
});

/** Whether an instruction has a `$` where BuildKit would expand it (a quick test before the dispatch states are read). */
function mayExpand(view: InstructionView): boolean {
  if (view.name === 'run') return view.flags.some((flag) => flag.name === 'mount' && flag.text.includes('$'));
  return EXPANDING.has(view.name) && (view.args.includes('$') || view.flags.some((flag) => flag.text.includes('$')) || view.heredocs.some((doc) => doc.expand && doc.content.includes('$')));
}

/** Instructions whose words BuildKit expands. */
const EXPANDING = new Set(['env', 'label', 'copy', 'add', 'workdir', 'user', 'stopsignal', 'volume', 'arg']);

/** ARG defaults are expanded one ARG after another, each seeing the ARGs before it. */
function argDefaults(view: InstructionView, state: DispatchState, check: CheckRun, escape: '\\' | '`'): void {
  const declared = new Set(state.declared);
  for (const pair of view.pairs ?? []) {
    if (pair.value !== undefined) report(view, variablesOf({ text: pair.value, raw: false }, escape), state, declared, check);
    declared.add(pair.key);
  }
}

function report(view: InstructionView, names: readonly string[], state: DispatchState, declared: ReadonlySet<string>, check: CheckRun): void {
  for (const name of names) {
    if (state.env.has(name) || declared.has(name) || NOT_IN_ENV.has(name) || !check.on(view.node)) continue;
    if (!state.complete) {
      check.declined(view.node, `Cannot tell whether $${name} is set: the base image \`${state.base}\` may set it`);
      continue;
    }
    const suggest = suggestion(name, state.env.keys());
    check.warn(view.node, `Usage of undefined variable '$${name}'${suggest ? ` (did you mean $${suggest}?)` : ''}`);
  }
}
