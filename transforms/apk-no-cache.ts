/**
 * apk-no-cache: `apk add` gets `--no-cache`, so the package index is fetched for the command and not left in the
 * layer. An `apk update` or `rm -rf /var/cache/apk/*` already in the RUN is left as it is: both become redundant but
 * stay harmless, and removing commands is not this transform's business.
 */
import { defineTransform, docsUrl } from '../src/engine/index.js';
import {
  cacheMountOver,
  editableRuns,
  hasOption,
  networkNone,
  packageCommands,
  subcommandOf,
} from '../src/analysis/index.js';

const options = {} as const;

const MENTION = /\bapk\b/;
const APK_CACHE = ['/var/cache/apk', '/etc/apk/cache'];

export default defineTransform({
  name: 'apk-no-cache',
  description:
    'Add `--no-cache` to `apk add` (an `apk update` or `rm -rf /var/cache/apk/*` already there is left as it is).',
  url: docsUrl('transforms.md', 'apk-no-cache'),
  defaultEnabled: false,
  meaning: 'declared',
  options,
  async run(ctx) {
    for (const { node, run, at, skip } of editableRuns(ctx, MENTION, (at) => `Left RUN at ${at} unchanged`)) {
      const adds = packageCommands(run.shell).filter((c) => c.family === 'apk' && subcommandOf(c) === 'add');
      const missing = adds.filter((c) => !hasOption(c, ['--no-cache']));
      if (!missing.length) continue;
      const mount = cacheMountOver(run.view, APK_CACHE);
      if (mount) {
        skip(`it has a cache mount on ${mount}, which --no-cache would leave unused`);
        continue;
      }
      if (networkNone(run.view)) {
        skip('it runs with --network=none, where --no-cache cannot fetch the package index');
        continue;
      }
      const offline = missing.find((c) => hasOption(c, ['--no-network']));
      if (offline) {
        skip(
          'its apk add runs with --no-network and installs only what is already there, where --no-cache would need to fetch the package index',
        );
        continue;
      }
      const own = missing.find((c) => hasOption(c, ['--cache-dir', '--cache-max-age']));
      if (own) {
        skip(
          `its apk add sets ${own.options.find((o) => /^--cache-(dir|max-age)/.test(o.value ?? ''))!.value} and so uses the cache on purpose`,
        );
        continue;
      }
      const edits = missing.map((c) => ({
        start: run.view.argsStart + c.subcommand!.end,
        end: run.view.argsStart + c.subcommand!.end,
        text: ' --no-cache',
      }));
      ctx.changed(
        {
          done: `Added --no-cache to apk add in RUN at ${at}`,
          planned: `Would add --no-cache to apk add in RUN at ${at}`,
        },
        ctx.edit.editWords(node, edits),
      );
    }
  },
});
