/**
 * pip-no-cache-dir: `pip install` (`pip3`, `python -m pip`) gets `--no-cache-dir`, so pip's download and wheel cache
 * does not stay in the layer. Declines where the cache is configured on purpose: `PIP_NO_CACHE_DIR` set by an ENV or
 * ARG (or in the RUN), a `--cache-dir`, or a cache mount on the RUN.
 */
import {
  defineTransform,
  docsUrl,
  positionText,
  stages,
  type InstructionNode,
  type ContextOf,
} from '../src/engine/index.js';
import { cacheMountTargets, editableRuns, hasOption, packageCommands, subcommandOf } from '../src/analysis/index.js';

const options = {} as const;

type Context = ContextOf<typeof options>;

const MENTION = /\bpip|\bpython/;
const VARIABLE = 'PIP_NO_CACHE_DIR';

export default defineTransform({
  name: 'pip-no-cache-dir',
  description:
    'Add `--no-cache-dir` to `pip install`, unless PIP_NO_CACHE_DIR, a --cache-dir or a cache mount configures the cache.',
  url: docsUrl('transforms.md', 'pip-no-cache-dir'),
  defaultEnabled: false,
  meaning: 'declared',
  options,
  async run(ctx) {
    for (const { node, run, at, skip } of editableRuns(ctx, MENTION, (at) => `Left RUN at ${at} unchanged`)) {
      const installs = packageCommands(run.shell).filter((c) => c.family === 'pip' && subcommandOf(c) === 'install');
      const missing = installs.filter((c) => !hasOption(c, ['--no-cache-dir']));
      if (!missing.length) continue;
      const env = setBefore(ctx, node);
      const inRun =
        run.shell.commands.some((c) => c.assignments.some((a) => a.name === VARIABLE)) ||
        run.shell.commands.some((c) => c.args.some((w) => w.value === VARIABLE));
      const mount = cacheMountTargets(run.view)[0];
      const own = missing.find((c) => hasOption(c, ['--cache-dir']));
      const blocker = env
        ? `${VARIABLE} is set by the ${env}, which decides about the cache`
        : inRun
          ? `it sets ${VARIABLE} itself`
          : mount
            ? `it has a cache mount on ${mount}, which pip's cache may be meant to use`
            : own
              ? 'its pip install sets --cache-dir and so uses the cache on purpose'
              : undefined;
      if (blocker) {
        skip(blocker);
        continue;
      }
      const edits = missing.map((c) => ({
        start: run.view.argsStart + c.subcommand!.end,
        end: run.view.argsStart + c.subcommand!.end,
        text: ' --no-cache-dir',
      }));
      ctx.changed(
        {
          done: `Added --no-cache-dir to pip install in RUN at ${at}`,
          planned: `Would add --no-cache-dir to pip install in RUN at ${at}`,
        },
        ctx.edit.editWords(node, edits),
      );
    }
  },
});

/** The ENV or ARG (`ENV at 3:1`) that sets PIP_NO_CACHE_DIR before `node`, in its stage or a stage it is built on. */
function setBefore(ctx: Context, node: InstructionNode): string | undefined {
  const all = stages(ctx.root);
  const home = all.find((stage) => stage.instructions.some((view) => view.node === node));
  for (
    let stage = home;
    stage;
    stage = all
      .slice(0, stage.index)
      .reverse()
      .find((s) => s.name?.toLowerCase() === stage!.base.toLowerCase())
  ) {
    const views =
      stage === home
        ? stage.instructions.slice(
            0,
            stage.instructions.findIndex((view) => view.node === node),
          )
        : stage.instructions;
    const setter = views.find(
      (view) => (view.name === 'env' || view.name === 'arg') && view.pairs?.some((pair) => pair.key === VARIABLE),
    );
    if (setter) return `${setter.keyword.toUpperCase()} at ${positionText(ctx.edit.originOf(setter.node))}`;
  }
  return undefined;
}
