/**
 * FromPlatformFlagConstDisallowed: `FROM --platform=linux/amd64` pins a stage to one platform, unless the stage's name
 * says so (holds the OS or architecture). Report only: which variable to use instead is a choice.
 */
import { goQuote } from '../../src/engine/index.js';
import { defineCheck } from './support.js';
import { readPlatform } from './images.js';
import { expandWord } from './words.js';

export default defineCheck({
  rule: 'FromPlatformFlagConstDisallowed',
  description:
    "Report a FROM whose --platform is a constant its stage name does not mention (BuildKit's FromPlatformFlagConstDisallowed); report only.",
  meaning: 'layout',
  options: {},
  run(ctx, check) {
    for (const stage of check.facts.stages) {
      const platform = stage.from.from?.platform;
      if (platform === undefined) continue;
      const expanded = expandWord(platform, new Map(), ctx.root.data.escape);
      if (expanded.matched.size || expanded.unmatched.size || expanded.value === undefined) continue;
      const read = readPlatform(expanded.value);
      const name = stage.name?.toLowerCase() ?? '';
      if (!read || name.includes(read.os) || name.includes(read.architecture) || !check.on(stage.from.node)) continue;
      check.warn(stage.from.node, `FROM --platform flag should not use constant value ${goQuote(expanded.value)}`);
    }
  },
});
