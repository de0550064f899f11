/**
 * Run one transform alone on a text, as the fixture harness and the inline tester do, and print its messages in the
 * fixture format.
 */
import {
  printerOptionSpecs,
  type AnyTransform,
  type BuildSettings,
  type LayerfixMessage,
  type TransformOptions,
  type TransformResult,
} from '../engine/index.js';
import { builtinTransforms, transform } from '../registry.js';

/** The messages of a result in the fixture format: one `line:column kind: reason` per line. */
export function formatMessages(messages: readonly LayerfixMessage[]): string {
  return messages.map((m) => `${m.line ?? 0}:${m.column ?? 0} ${m.kind}: ${m.reason}\n`).join('');
}

/**
 * A fixture's options (options.json) as the harnesses read them: `buildTarget` (the stage the file is built to, as
 * `--target` gives it), `buildTargets` (the stages build files build it to, when they name several), `buildArgs` (as `--build-arg` gives them) and `buildPodman` (where a build file says podman or
 * buildah builds it) say how the file is built; printer options go to the printer; the rest to the case's transform.
 */
export function splitFixtureOptions(options: Record<string, unknown>): {
  build: BuildSettings;
  printer: Record<string, unknown>;
  own: Record<string, unknown>;
} {
  const own: Record<string, unknown> = {};
  const printer: Record<string, unknown> = {};
  const { buildTarget, buildTargets, buildArgs, buildPodman, ...rest } = options;
  for (const [key, value] of Object.entries(rest)) (key in printerOptionSpecs ? printer : own)[key] = value;
  const build: BuildSettings = {
    ...(typeof buildTarget === 'string' ? { target: buildTarget } : {}),
    ...(Array.isArray(buildTargets) ? { targets: buildTargets.map(String) } : {}),
    ...(buildArgs && typeof buildArgs === 'object' ? { args: buildArgs as Record<string, string> } : {}),
    ...(typeof buildPodman === 'string' ? { podman: buildPodman } : {}),
  };
  return { build, printer, own };
}

/** Pipeline options that run `subject` alone with the given options (read as {@link splitFixtureOptions} says). */
export function optionsFor(subject: AnyTransform, options: Record<string, unknown>): TransformOptions {
  const builtin = builtinTransforms.includes(subject);
  const { build, printer, own } = splitFixtureOptions(options);
  return {
    ...printer,
    ...(Object.keys(build).length ? { build } : {}),
    only: [subject.name],
    transforms: { [subject.name]: own },
    ...(builtin ? {} : { plugins: [subject] }),
  };
}

/** Run one transform (built-in or from a plugin) on a text with the given options; `path` places the text on disk. */
export function applyTransform(
  subject: AnyTransform,
  text: string,
  options: Record<string, unknown> = {},
  path?: string,
): Promise<TransformResult> {
  return transform(text, { ...optionsFor(subject, options), ...(path ? { path } : {}) });
}
