/**
 * DuplicateStageName: two stages with the same name (BuildKit compares them lower-cased). Report only: which stage a
 * reference meant is not known.
 */
import { goQuote } from '../../src/engine/index.js';
import { defineCheck } from './support.js';

export default defineCheck({
  rule: 'DuplicateStageName',
  description: "Report a stage named like an earlier one (BuildKit's DuplicateStageName); report only.",
  meaning: 'layout',
  options: {},
  run(ctx, check) {
    const seen = new Set<string>();
    for (const stage of check.facts.stages) {
      const name = stage.name?.toLowerCase();
      if (!name) continue;
      if (seen.has(name) && check.on(stage.from.node, 'file'))
        check.warn(stage.from.node, `Duplicate stage name ${goQuote(name)}, stage names should be unique`);
      seen.add(name);
    }
  },
});
