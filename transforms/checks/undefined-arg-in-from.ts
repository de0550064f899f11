/**
 * UndefinedArgInFrom: a `FROM` (its image or `--platform`) uses a variable that is neither declared by an ARG before
 * the first FROM nor predefined by BuildKit. Report only, with BuildKit's "did you mean".
 */

import { defineCheck } from './support.js';
import { globalArgs } from './global-args.js';
import { expandWord, suggestion } from './words.js';

export default defineCheck({
  rule: 'UndefinedArgInFrom',
  description:
    "Report a FROM that uses a build argument no global ARG declares (BuildKit's UndefinedArgInFrom); report only.",
  meaning: 'layout',
  options: {},
  run(ctx, check) {
    if (
      !check.facts.stages.some(
        ({ from }) => from.args.includes('$') || from.flags.some((flag) => flag.text.includes('$')),
      )
    )
      return;
    const args = globalArgs(ctx.root, ctx.build.args);
    const declared = new Set(args.names);
    for (const { from } of check.facts.stages) {
      for (const word of [from.from?.image ?? '', from.from?.platform]) {
        if (word === undefined) continue;
        for (const name of expandWord(word, args.values, ctx.root.data.escape).unmatched) {
          if (declared.has(name) || !check.on(from.node)) continue;
          const suggest = suggestion(name, args.names);
          check.warn(
            from.node,
            `FROM argument '${name}' is not declared${suggest ? ` (did you mean ${suggest}?)` : ''}`,
          );
        }
      }
    }
  },
});
