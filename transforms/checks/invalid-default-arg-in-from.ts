/**
 * InvalidDefaultArgInFrom: with the global ARGs at their defaults (no build argument passed), a FROM names no valid
 * image (`FROM busybox:$VERSION` with `ARG VERSION` and no default). Report only: the right default is a choice.
 */

import { defineCheck } from './support.js';
import { globalArgs } from './global-args.js';
import { isImageReference } from './images.js';
import { expandWord } from './words.js';

export default defineCheck({
  rule: 'InvalidDefaultArgInFrom',
  description:
    "Report a FROM whose image is empty or invalid when the global ARGs take their defaults (BuildKit's InvalidDefaultArgInFrom); report only.",
  meaning: 'layout',
  options: {},
  run(ctx, check) {
    for (const { from } of check.facts.stages) {
      const image = from.from?.image ?? '';
      // A word with no variable, quote or escape is its own value: the global ARGs are read only for one that has.
      const plain = !/[$'"`\\]/.test(image);
      const defaults = plain ? undefined : globalArgs(ctx.root, ctx.build.args).defaults;
      const value = plain ? image : defaults && expandWord(image, defaults, ctx.root.data.escape).value;
      if (value === undefined) {
        check.declined(
          from.node,
          `Cannot tell which image FROM \`${image}\` names with the ARG defaults: it uses an expansion layerfix does not evaluate`,
        );
        continue;
      }
      if (!isImageReference(value) && check.on(from.node, 'file'))
        check.warn(from.node, `Default value for ARG ${image} results in empty or invalid base image name`);
    }
  },
});
