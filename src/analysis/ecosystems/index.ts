/**
 * The package ecosystems `split-manifest-copy` knows: which commands install a project's dependencies from its
 * manifests alone, and which manifest files each install needs.
 */
import { cargo } from './cargo.js';
import { dotnet } from './dotnet.js';
import { go } from './go.js';
import { jvm } from './jvm.js';
import { node } from './node.js';
import { php } from './php.js';
import { python } from './python.js';
import { ruby } from './ruby.js';
import { environmentFiles } from './common.js';
import type { Ecosystem, Invocation, Verdict } from './types.js';

/** The shapes ecosystem modules declare and read. */
export type { Ecosystem, ExtraRead, InstallUse, Invocation, Manifests, ProjectFolder, Verdict } from './types.js';
export { extraReadProblem } from './common.js';
export { configLocations, homeConfig } from './tool-config.js';

/** Every ecosystem module, in the order their commands are tried. */
const ECOSYSTEMS: readonly Ecosystem[] = [node, python, go, cargo, ruby, php, jvm, dotnet];

/** The install tools by name, as the `ecosystems` option lists them. */
export const INSTALLERS: readonly string[] = [
  'npm',
  'yarn',
  'pnpm',
  'bun',
  'pip',
  'poetry',
  'uv',
  'pipenv',
  'go',
  'cargo',
  'bundler',
  'composer',
  'maven',
  'gradle',
  'dotnet',
];

/**
 * What a command means for the split, and the ecosystem module that read it; undefined when no ecosystem knows it. An
 * install also reads what the environment points it at (environmentFiles), which matters when the COPY brings it.
 */
export function readCommand(invocation: Invocation): { verdict: Verdict; ecosystem: Ecosystem } | undefined {
  for (const ecosystem of ECOSYSTEMS) {
    const verdict = ecosystem.read(invocation);
    if (verdict?.kind === 'install')
      return {
        verdict: {
          ...verdict,
          use: {
            ...verdict.use,
            reads: [...verdict.use.reads, ...environmentFiles(invocation.env, verdict.use.ecosystem)],
          },
        },
        ecosystem,
      };
    if (verdict) return { verdict, ecosystem };
  }
  return undefined;
}
