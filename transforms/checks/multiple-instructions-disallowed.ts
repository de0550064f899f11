/**
 * MultipleInstructionsDisallowed: a stage has more than one CMD, ENTRYPOINT or HEALTHCHECK; only the last takes effect.
 * BuildKit reports the earlier one. The fix removes it; the image's configuration stays the same but its history
 * loses the entry of the removed instruction, so it is off by default.
 */
import { positionText, type InstructionView } from '../../src/engine/index.js';
import { defineCheck, fixOption } from './support.js';

const ONCE = new Set(['cmd', 'entrypoint', 'healthcheck']);

export default defineCheck({
  rule: 'MultipleInstructionsDisallowed',
  description:
    "Report a CMD, ENTRYPOINT or HEALTHCHECK that a later one of the stage overrides (BuildKit's MultipleInstructionsDisallowed); the fix removes it (off by default: the image history loses its entry).",
  meaning: 'declared',
  options: fixOption(
    false,
    'Remove the earlier instruction, which never takes effect (the image configuration is the same; its history has one entry less).',
  ),
  run(ctx, check) {
    if (check.facts.views.filter((view) => ONCE.has(view.name)).length < 2) return;
    for (const stage of check.facts.stages) {
      if (!check.dispatches(stage)) continue;
      const last = new Map<string, InstructionView>();
      for (const view of stage.instructions) {
        if (!ONCE.has(view.name)) continue;
        const earlier = last.get(view.name);
        last.set(view.name, view);
        // BuildKit reads the `# check=` comment of the later instruction, and reports at the earlier one.
        if (!earlier || !check.on(earlier.node, 'instruction', view.node)) continue;
        if (!ctx.options.fix) {
          check.warn(
            earlier.node,
            `Multiple ${view.keyword} instructions should not be used in the same stage because only the last one will be used`,
          );
          continue;
        }
        const keyword = earlier.keyword.toUpperCase();
        check.fixed(earlier.node, {
          done: `Removed ${keyword}, which the ${keyword} at ${positionText(ctx.edit.originOf(view.node))} overrides`,
          planned: `Would remove ${keyword}, which the ${keyword} at ${positionText(ctx.edit.originOf(view.node))} overrides`,
        });
        ctx.edit.remove([...ctx.edit.attachedComments(earlier.node), earlier.node]);
      }
    }
  },
});
