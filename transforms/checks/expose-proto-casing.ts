/**
 * ExposeProtoCasing: the protocol of an EXPOSE port (`80/TCP`) should be lower case. BuildKit lower-cases it into the
 * image anyway, so the fix writes it lower case and the image is the same (on by default). podman and buildah keep it
 * as written (`5060/UDP` in the image's ExposedPorts): where they may build the file, the fix is declined.
 */
import { type TextEdit } from '../../src/engine/index.js';
import { defineCheck, fixOption, podmanMayBuild } from './support.js';
import { dispatchStates } from './dispatch.js';
import { exposedPorts } from './ports.js';

export default defineCheck({
  rule: 'ExposeProtoCasing',
  description:
    "Report an EXPOSE protocol that is not lower case (BuildKit's ExposeProtoCasing); the fix writes it lower case, which BuildKit does anyway (on by default).",
  meaning: 'declared',
  options: fixOption(true, 'Write the protocol lower case (BuildKit lower-cases it into the image anyway).'),
  run(ctx, check) {
    if (!check.facts.names.has('expose')) return;
    const podman = ctx.options.fix ? podmanMayBuild(ctx) : undefined;
    for (const stage of check.facts.stages) {
      if (!check.dispatches(stage)) continue;
      for (const view of stage.instructions) {
        if (view.name !== 'expose') continue;
        const ports = exposedPorts(
          view,
          () => dispatchStates(ctx.root, ctx.build.args).get(view.node),
          ctx.root.data.escape,
        );
        const wrong = ports.filter((port) => port.proto !== undefined && port.proto !== port.proto.toLowerCase());
        if (!wrong.length || !check.on(view.node)) continue;
        const edits: TextEdit[] = [];
        for (const port of wrong) {
          if (ctx.options.fix && podman) {
            check.declined(
              view.node,
              `Kept ${port.raw}: podman or buildah may build the file (${podman}), and they keep the protocol as written in the image`,
            );
            check.warn(view.node, `Defined protocol '${port.raw}' in EXPOSE instruction should be lowercase`);
          } else if (ctx.options.fix && port.protoStart !== undefined)
            edits.push({
              start: port.protoStart,
              end: port.protoStart + port.proto!.length,
              text: port.proto!.toLowerCase(),
            });
          else {
            if (ctx.options.fix)
              check.declined(view.node, `Kept ${port.raw}: its protocol is written with variables or quotes`);
            check.warn(view.node, `Defined protocol '${port.raw}' in EXPOSE instruction should be lowercase`);
          }
        }
        if (!edits.length) continue;
        const created = ctx.edit.editLogical(view.node, edits);
        const names = wrong
          .filter((port) => port.protoStart !== undefined)
          .map((port) => port.raw)
          .join(', ');
        check.fixed(created, {
          done: `Wrote the protocol of ${names} in lower case`,
          planned: `Would write the protocol of ${names} in lower case`,
        });
      }
    }
  },
});
