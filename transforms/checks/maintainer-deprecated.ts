/**
 * MaintainerDeprecated (hadolint DL4000): `MAINTAINER` is deprecated in favour of a label. The fix writes it as the OCI
 * label `org.opencontainers.image.authors` (the same rewrite as `format`'s maintainerToLabel, with the OCI key); the
 * image's Author field becomes a label, so it is off by default.
 */
import { keywordIn } from '../../src/engine/index.js';
import { maintainerLabelEdit } from '../shared/spellings.js';
import { defineCheck, fixOption } from './support.js';

export default defineCheck({
  rule: 'MaintainerDeprecated',
  description:
    "Report MAINTAINER (BuildKit's MaintainerDeprecated, hadolint DL4000); the fix writes it as the label org.opencontainers.image.authors (off by default: the image's Author field becomes a label).",
  meaning: 'declared',
  options: fixOption(
    false,
    'Write `MAINTAINER m` as `LABEL org.opencontainers.image.authors="m"` (the image\'s Author field becomes that label).',
  ),
  run(ctx, check) {
    if (!check.facts.names.has('maintainer')) return;
    for (const view of check.facts.views) {
      if (view.name !== 'maintainer' || !check.on(view.node)) continue;
      const edit = ctx.options.fix
        ? maintainerLabelEdit(view, keywordIn(ctx.style, 'LABEL'), 'org.opencontainers.image.authors')
        : undefined;
      if (typeof edit !== 'object') {
        if (edit) check.declined(view.node, `Kept MAINTAINER: ${edit}`);
        check.warn(view.node, 'Maintainer instruction is deprecated in favor of using label');
        continue;
      }
      const created = ctx.edit.editLogical(view.node, [edit]);
      check.fixed(created, {
        done: 'Wrote MAINTAINER as the label org.opencontainers.image.authors',
        planned: 'Would write MAINTAINER as the label org.opencontainers.image.authors',
      });
    }
  },
});
