/**
 * InvalidDefinitionDescription (experimental in BuildKit): the comment right above a named stage or an ARG should
 * describe it as `# <name> <description>`, so that tools can show it. BuildKit runs it only where the check
 * configuration names it (`# check=experimental=InvalidDefinitionDescription`), and so does layerfix unless told to
 * report it everywhere. Report only: the description is the author's.
 */

import { defineCheck } from './support.js';

export default defineCheck({
  rule: 'InvalidDefinitionDescription',
  description:
    "Report a comment above a named stage or ARG that is not `# <name> <description>` (BuildKit's experimental InvalidDefinitionDescription), where the check configuration opts in; report only.",
  // Experimental unless the configuration asks for it everywhere: then only `skip` turns it off, as for other rules.
  experimental: (options) => !options.everywhere,
  meaning: 'layout',
  options: {
    everywhere: {
      type: 'boolean',
      default: false,
      description: 'Report in every file, not only where `# check=experimental=...` opts in to this experimental rule.',
    },
  },
  run(ctx, check) {
    const comments = check.facts.comments;
    const named = new Map(
      check.facts.stages.filter((stage) => stage.name).map((stage) => [stage.from.node, stage.name!.toLowerCase()]),
    );
    for (const view of check.facts.views) {
      const keys =
        view.name === 'arg'
          ? (view.pairs ?? []).map((pair) => pair.key)
          : named.has(view.node)
            ? [named.get(view.node)!]
            : [];
      const above = comments.get(view.node) ?? [];
      if (!keys.length || !above.length || keys.includes(above[above.length - 1].split(' ')[0])) continue;
      if (!check.on(view.node)) continue;
      const instruction = view.name === 'arg' ? 'ARG' : 'FROM';
      check.warn(
        view.node,
        `Comment for ${instruction} should follow the format: \`# ${keys.length > 1 ? '<arg_key>' : keys[0]} <description>\``,
      );
    }
  },
});
