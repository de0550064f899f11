/**
 * exec-form: a shell-form `CMD`/`ENTRYPOINT` that uses no shell feature becomes a JSON (exec) array, word by word.
 *
 * This changes what runs: the program starts directly instead of under `/bin/sh -c`, so it is PID 1 and receives
 * signals itself (`docker stop` reaches it), and the image no longer needs a shell to start. It also changes what an
 * ENTRYPOINT receives: declined where the file shows one (a CMD beside a converted ENTRYPOINT would become its
 * arguments; a converted CMD would reach an ENTRYPOINT as words instead of `/bin/sh -c ...`). An ENTRYPOINT of the
 * base image cannot be seen: entrypoint scripts that test `$1` (as many official images do) then see the program.
 */
import { defineTransform, docsUrl, instructionView, positionText } from '../src/engine/index.js';
import { shellsInEffect } from '../src/analysis/index.js';
import { execEdits } from './shared/exec-form-words.js';

const options = {
  cmd: { type: 'boolean', default: true, description: 'Convert shell-form CMD.' },
  entrypoint: {
    type: 'boolean',
    default: true,
    description:
      'Convert shell-form ENTRYPOINT (it then receives CMD and `docker run` arguments, which the shell form ignores).',
  },
} as const;

export default defineTransform({
  name: 'exec-form',
  description:
    'Write shell-form CMD/ENTRYPOINT without shell features as a JSON array; changes what runs: no /bin/sh -c, so the program is PID 1 and gets signals.',
  url: docsUrl('transforms.md', 'exec-form'),
  defaultEnabled: false,
  meaning: 'declared',
  options,
  run(ctx) {
    const shells = shellsInEffect(ctx.root);
    for (const node of ctx.root.children.slice()) {
      if (
        node.type !== 'instruction' ||
        !(node.name === 'cmd' ? ctx.options.cmd : node.name === 'entrypoint' && ctx.options.entrypoint)
      )
        continue;
      const view = instructionView(node, ctx.root.data.escape);
      if (view.form !== 'shell' || !view.args || !ctx.enabledFor(node)) continue;
      const keyword = view.keyword.toUpperCase();
      const at = positionText(ctx.edit.originOf(node));
      const found = execEdits(ctx, view, shells.get(node) ?? null);
      if (typeof found === 'string') {
        ctx.skipped(`Kept ${keyword} at ${at} in shell form: ${found}`, node);
        continue;
      }
      const created = ctx.edit.editWords(node, found.edits);
      ctx.changed(
        {
          done: `Wrote ${keyword} at ${at} in JSON (exec) form: ${found.program} now runs without /bin/sh -c, as PID 1 receiving signals itself`,
          planned: `Would write ${keyword} at ${at} in JSON (exec) form: ${found.program} would run without /bin/sh -c, as PID 1 receiving signals itself`,
        },
        created,
      );
    }
  },
});
