/**
 * npm-ci: `npm install` (or `npm i`) without package names becomes `npm ci` in RUN, so an image installs exactly what
 * the lockfile says and fails when package.json and the lockfile disagree. Only the word changes; the edit declares
 * the new command line, which the meaning guard checks.
 */
import { defineTransform, loadShellParser, stages, type InstructionView } from 'layerfix';

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json'];

/** Options of `npm install` that mean something npm ci cannot do (save, global, no lockfile). */
const NOT_FOR_CI =
  /^(?:-g|--global(?:=.*)?|--save(?:-[a-z]+)?(?:=.*)?|--no-save|-[SDEOPB]|--no-package-lock|--package-lock=false|--package-lock-only)$/;

/** Whether a COPY or ADD may bring a lockfile into the image: a lockfile, a glob matching one, or a folder. */
function copiesLockfile(view: InstructionView): boolean {
  if ((view.name !== 'copy' && view.name !== 'add') || view.heredocs.length) return false;
  const words = view.exec ?? view.args.split(/\s+/).filter(Boolean);
  return words.slice(0, -1).some((source) => {
    if (source === '.' || source.endsWith('/')) return true;
    const name = source.slice(source.lastIndexOf('/') + 1);
    const glob = new RegExp(
      `^${name
        .replace(/[.+^${}()|\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    return LOCKFILES.some((lockfile) => glob.test(lockfile));
  });
}

/** Where each stage stands when it starts: a lockfile copied already, and the SHELL in effect. */
interface StageState {
  lockfile: boolean;
  shell: string[] | null;
}

export default defineTransform({
  name: 'npm-ci',
  description: 'Use `npm ci` instead of `npm install` in RUN, so builds install exactly the lockfile.',
  url: 'examples/plugins/README.md#npm-ci',
  defaultEnabled: true,
  meaning: 'declared',
  options: {
    requireLockfile: {
      type: 'boolean',
      default: true,
      description:
        'Only rewrite when the stage copies a package-lock.json or npm-shrinkwrap.json (or a folder) before the RUN: npm ci fails without one.',
    },
  },
  async run(context) {
    await loadShellParser();
    const byName = new Map<string, StageState>();
    for (const stage of stages(context.root)) {
      const state: StageState = { ...(byName.get(stage.base.toLowerCase()) ?? { lockfile: false, shell: null }) };
      for (const view of stage.instructions) {
        if (view.name === 'shell' && view.exec) state.shell = view.exec;
        if (copiesLockfile(view)) state.lockfile = true;
        if (view.name !== 'run' || !/\bnpm\b/.test(view.args) || !context.enabledFor(view.node)) continue;
        const skip = (reason: string) => context.skipped(`Kept npm install: ${reason}`, view.node);
        if (view.form === 'exec') {
          skip('the RUN is in exec (JSON) form');
          continue;
        }
        if (view.heredocs.length) {
          skip('the RUN has a heredoc');
          continue;
        }
        const shell = context.shellView(view.args, { shell: state.shell });
        if (!shell.posix) {
          skip(shell.reason);
          continue;
        }
        const edits: Array<{ start: number; end: number; text: string }> = [];
        for (const command of shell.commands) {
          const subcommand = command.args[0];
          if (command.name?.value !== 'npm' || (subcommand?.value !== 'install' && subcommand?.value !== 'i')) continue;
          const rest = command.args.slice(1);
          const operand = rest.find((word) => word.value === null || !word.value.startsWith('-'));
          const option = rest.find((word) => word.value !== null && NOT_FOR_CI.test(word.value));
          if (operand) skip(`\`${command.text}\` has the argument ${operand.text}, and npm ci takes no package names`);
          else if (option) skip(`\`${command.text}\` uses ${option.text}, which npm ci does not do`);
          else if (context.options.requireLockfile && !state.lockfile)
            skip(`no ${LOCKFILES.join(' or ')} is copied before it, and npm ci fails without one`);
          else
            edits.push({ start: view.argsStart + subcommand.start, end: view.argsStart + subcommand.end, text: 'ci' });
        }
        if (edits.length)
          context.changed(
            { done: 'Replaced npm install with npm ci', planned: 'Would replace npm install with npm ci' },
            context.edit.editLogical(view.node, edits),
          );
      }
      if (stage.name) byName.set(stage.name.toLowerCase(), state);
    }
  },
});
