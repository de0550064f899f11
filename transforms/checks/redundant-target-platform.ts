/**
 * RedundantTargetPlatform: `FROM --platform=$TARGETPLATFORM` asks for what a FROM gets anyway. The fix removes the
 * flag; off by default, as a build that passes `--build-arg TARGETPLATFORM=...` would then build for another platform.
 */

import { defineCheck, fixOption } from './support.js';
import { globalArgs } from './global-args.js';
import { expandWord } from './words.js';

export default defineCheck({
  rule: 'RedundantTargetPlatform',
  description:
    "Report `FROM --platform=$TARGETPLATFORM`, the default (BuildKit's RedundantTargetPlatform); the fix removes the flag (off by default: a build argument TARGETPLATFORM would then no longer apply).",
  meaning: 'declared',
  options: fixOption(
    false,
    'Remove the `--platform` flag (a build that overrides TARGETPLATFORM with a build argument then builds for its real target platform).',
  ),
  run(ctx, check) {
    if (!check.facts.stages.some(({ from }) => from.from?.platform?.includes('TARGETPLATFORM'))) return;
    const args = globalArgs(ctx.root, ctx.build.args);
    for (const { from } of check.facts.stages) {
      const platform = from.from?.platform;
      if (platform === undefined) continue;
      const expanded = expandWord(platform, args.values, ctx.root.data.escape);
      const only =
        expanded.matched.size === 1 && expanded.matched.has('TARGETPLATFORM') && expanded.unmatched.size === 0;
      if (
        !only ||
        expanded.value === undefined ||
        expanded.value !== args.values.get('TARGETPLATFORM') ||
        !check.on(from.node)
      )
        continue;
      if (!ctx.options.fix) {
        check.warn(
          from.node,
          `Setting platform to predefined ${platform} in FROM is redundant as this is the default behavior`,
        );
        continue;
      }
      const created = ctx.edit.removeFlag(from.node, 'platform');
      check.fixed(created, {
        done: `Removed --platform=${platform}, the default`,
        planned: `Would remove --platform=${platform}, the default`,
      });
    }
  },
});
