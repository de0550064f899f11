/**
 * SecretsUsedInArgOrEnv: an ARG or ENV (of a stage) whose name says it holds a secret (`password`, `token`, `API_KEY`
 * as a whole name or a `_`-separated first or last part), unless it says it is public, a file or a version. ARG and
 * ENV values stay in the image's history and metadata. Report only: a secret mount is the fix, and it changes how the
 * build is run.
 */
import { goQuote } from '../../src/engine/index.js';
import { defineCheck } from './support.js';

/** Words that name a secret, as a whole name or an `_`-separated part at its start or end (any case). */
const SECRET = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
/** Words that say the value is not itself the secret. */
const NOT_SECRET = /(?:_|^)(?:public|file|version)(?:_|$)/i;

export default defineCheck({
  rule: 'SecretsUsedInArgOrEnv',
  description:
    "Report an ARG or ENV whose name says it holds a secret (BuildKit's SecretsUsedInArgOrEnv); report only (use a secret mount).",
  meaning: 'layout',
  options: {},
  run(ctx, check) {
    if (!check.facts.names.has('arg') && !check.facts.names.has('env')) return;
    for (const stage of check.facts.stages) {
      if (!check.dispatches(stage)) continue;
      for (const view of stage.instructions) {
        if (view.name !== 'arg' && view.name !== 'env') continue;
        for (const pair of view.pairs ?? []) {
          if (!SECRET.test(pair.key) || NOT_SECRET.test(pair.key) || !check.on(view.node)) continue;
          check.warn(
            view.node,
            `Do not use ARG or ENV instructions for sensitive data (${view.name.toUpperCase()} ${goQuote(pair.key)})`,
          );
        }
      }
    }
  },
});
