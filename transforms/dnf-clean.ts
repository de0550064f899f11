/**
 * dnf-clean: a RUN that installs with dnf, yum or microdnf ends with `<tool> clean all`, so the package metadata and
 * downloaded packages do not stay in its layer. Later installs fetch the metadata again by themselves.
 */
import { defineTransform, docsUrl } from '../src/engine/index.js';
import {
  appendBlocker,
  appendEdit,
  cacheMountOver,
  editableRuns,
  hasOption,
  packageCommands,
  removesPath,
  subcommandOf,
} from '../src/analysis/index.js';

const options = {} as const;

const MENTION = /\b(dnf|yum|microdnf)\b/;
const CACHES = ['/var/cache/dnf', '/var/cache/yum', '/var/cache/libdnf5'];
/** Subcommands that fill the cache. */
const FILLS_CACHE = new Set([
  'install',
  'groupinstall',
  'localinstall',
  'reinstall',
  'update',
  'upgrade',
  'update-minimal',
  'upgrade-minimal',
  'distro-sync',
  'downgrade',
  'makecache',
  'builddep',
  'group',
  'groups',
  'module',
  'swap',
]);

export default defineTransform({
  name: 'dnf-clean',
  description:
    'End a RUN that installs with dnf, yum or microdnf with `<tool> clean all`, when it is a plain `&&` chain.',
  url: docsUrl('transforms.md', 'dnf-clean'),
  defaultEnabled: false,
  meaning: 'declared',
  options,
  async run(ctx) {
    for (const { node, run, at, skip } of editableRuns(
      ctx,
      MENTION,
      (at) => `Did not add \`clean all\` to RUN at ${at}`,
    )) {
      const commands = packageCommands(run.shell).filter((c) => c.family === 'dnf');
      const fills = commands.filter((c) => FILLS_CACHE.has(subcommandOf(c)));
      if (!fills.length) continue;
      const last = fills[fills.length - 1];
      const cleaned = run.shell.commands.some(
        (c) =>
          c.start >= last.command.end &&
          (removesPath(c, ['rm'], CACHES) ||
            commands.some(
              (p) => p.command === c && subcommandOf(p) === 'clean' && p.operands.some((w) => w.value === 'all'),
            )),
      );
      if (cleaned) continue;
      const mount = cacheMountOver(run.view, CACHES);
      const keep = /keepcache\s*=\s*(1|true|yes|on)/i.test(run.view.args);
      const downloads = fills.find((c) => hasOption(c, ['--downloadonly', '--download-only']));
      const blocker = mount
        ? `it has a cache mount on ${mount}, which keeps the cache between builds on purpose`
        : keep
          ? 'it sets keepcache, so it keeps the cache on purpose'
          : downloads
            ? `\`${downloads.command.text}\` only downloads the packages, which stay in the cache for a later step`
            : appendBlocker(run.shell);
      if (blocker) {
        skip(blocker);
        continue;
      }
      const clean = `${last.invocation} clean all`;
      ctx.changed(
        {
          done: `Appended \`${clean}\` to RUN at ${at}, so the package cache does not stay in its layer`,
          planned: `Would append \`${clean}\` to RUN at ${at}, so the package cache does not stay in its layer`,
        },
        ctx.edit.editWords(node, [appendEdit(ctx, run, clean)]),
      );
    }
  },
});
