/**
 * ReservedStageName: a stage named `scratch` or `context`, names BuildKit reserves. Report only: a new name is a
 * choice.
 */
import { goQuote } from '../../src/engine/index.js';
import { defineCheck } from './support.js';

const RESERVED = new Set(['context', 'scratch']);

export default defineCheck({
  rule: 'ReservedStageName',
  description:
    "Report a stage named `scratch` or `context`, which BuildKit reserves (BuildKit's ReservedStageName); report only.",
  meaning: 'layout',
  options: {},
  run(ctx, check) {
    for (const stage of check.facts.stages) {
      const name = stage.name?.toLowerCase();
      if (name && RESERVED.has(name) && check.on(stage.from.node, 'file'))
        check.warn(stage.from.node, `Stage name should not use the same name as reserved stage ${goQuote(name)}`);
    }
  },
});
