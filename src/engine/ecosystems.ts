/**
 * The package ecosystems `split-manifest-copy` knows: which commands install a project's dependencies from its
 * manifests alone, and which manifest files each install needs.
 */
import { cargo } from './ecosystems/cargo.js';
import { go } from './ecosystems/go.js';
import { jvm } from './ecosystems/jvm.js';
import { node } from './ecosystems/node.js';
import { php } from './ecosystems/php.js';
import { python } from './ecosystems/python.js';
import { ruby } from './ecosystems/ruby.js';
import type { Ecosystem, Invocation, Verdict } from './ecosystems/types.js';

/** The shapes ecosystem modules declare and read. */
export type { Ecosystem, InstallUse, Invocation, Manifests, ProjectFolder, Verdict } from './ecosystems/types.js';

/** Every ecosystem module, in the order their commands are tried. */
export const ECOSYSTEMS: readonly Ecosystem[] = [node, python, go, cargo, ruby, php, jvm];

/** The install tools by name, as the `ecosystems` option lists them. */
export const INSTALLERS: readonly string[] = ['npm', 'yarn', 'pnpm', 'bun', 'pip', 'poetry', 'uv', 'pipenv', 'go', 'cargo', 'bundler', 'composer', 'maven', 'gradle'];

/** What a command means for the split, and the ecosystem module that read it; undefined when no ecosystem knows it. */
export function readCommand(invocation: Invocation): { verdict: Verdict; ecosystem: Ecosystem } | undefined {
  for (const ecosystem of ECOSYSTEMS) {
    const verdict = ecosystem.read(invocation);
    if (verdict) return { verdict, ecosystem };
  }
  return undefined;
}
