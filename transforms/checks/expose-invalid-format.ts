/**
 * ExposeInvalidFormat: an EXPOSE port with an IP address or a host port (`127.0.0.1:80:80`, `5000:5000`): EXPOSE
 * only documents the container's port, and BuildKit will reject these. Report only.
 */

import { defineCheck } from './support.js';
import { dispatchStates } from './dispatch.js';
import { exposedPorts } from './ports.js';

export default defineCheck({
  rule: 'ExposeInvalidFormat',
  description: "Report an EXPOSE port with an IP address or host port (BuildKit's ExposeInvalidFormat); report only.",
  meaning: 'layout',
  options: {},
  run(ctx, check) {
    if (!check.facts.names.has('expose')) return;
    for (const stage of check.facts.stages) {
      if (!check.dispatches(stage)) continue;
      for (const view of stage.instructions) {
        if (view.name !== 'expose') continue;
        for (const port of exposedPorts(
          view,
          () => dispatchStates(ctx.root, ctx.build.args).get(view.node),
          ctx.root.data.escape,
        )) {
          if (port.proto === undefined || !port.mapped || !check.on(view.node)) continue;
          check.warn(
            view.node,
            `EXPOSE instruction should not define an IP address or host-port mapping, found '${port.raw}'`,
          );
        }
      }
    }
  },
});
