/**
 * The manifests the installs of a RUN need, read from the build context: each install's project folder is found
 * where the broad COPY puts it, and its ecosystem names the files (or says why it needs more).
 */
import { posix } from 'node:path';
import type { BroadCopy } from './broad-copy.js';
import { cleanPath, type BuildContext } from './build-context.js';
import { extraReadProblem, homeConfig, type ProjectFolder } from './ecosystems/index.js';
import type { InstallStep } from './install-run.js';
import { isUnder } from './places.js';
import { IMAGE_WORKDIR, showPath } from './path-scopes.js';

/**
 * The context files the installs of a RUN need. An install whose project lies outside what the COPY writes needs
 * nothing from it; undefined when that holds for every install (the COPY is then no reason to split).
 */
export function manifestsOf(
  context: BuildContext,
  copy: BroadCopy,
  installs: InstallStep[],
): { files: string[] } | { reason: string } | undefined {
  const files: string[] = [];
  let reads = false;
  for (const step of installs) {
    const project = step.use.options.has('named-only') ? copy.dest : posix.resolve(step.cwd, step.use.project);
    if (!isUnder(project, copy.dest)) {
      const unknown = project.startsWith(IMAGE_WORKDIR) !== copy.dest.startsWith(IMAGE_WORKDIR);
      if (!unknown) continue;
      return {
        reason: `it runs ${step.use.ecosystem} in ${showPath(project)}, which may not be where the COPY writes (${showPath(copy.dest)}); a WORKDIR would tell`,
      };
    }
    const folder = projectFolder(context, copy, project, step.cwd);
    if (!context.isDirectory(folder.dir))
      return {
        reason: `the build context has no folder ${folder.dir} for the ${step.use.ecosystem} project in ${showPath(project)}`,
      };
    let manifests: ReturnType<typeof step.ecosystem.manifests>;
    try {
      const extra = extraReadProblem(folder, step.use);
      manifests = extra ? { decline: extra } : step.ecosystem.manifests(folder, step.use);
    } catch (error) {
      manifests = {
        decline: `layerfix could not read the ${step.use.ecosystem} manifests in ${folder.dir || 'the context root'} (${(error as Error).message})`,
      };
    }
    if ('decline' in manifests) return { reason: manifests.decline };
    // Run as a user whose home layerfix cannot tell, the install may read its user configuration from the copy.
    const config = step.homeUnknown
      ? context
          .pathsEndingIn(copy.source, homeConfig(step.use.ecosystem))
          .find((path) => !manifests.files.includes(path))
      : undefined;
    if (config)
      return {
        reason: `it runs as a user whose home folder layerfix cannot tell, and the COPY brings ${config}, which ${step.use.ecosystem} reads as user configuration if that folder is the home`,
      };
    files.push(...manifests.files);
    reads = true;
  }
  return reads ? { files } : undefined;
}

/** The project folder of the context that the broad copy puts at `project` in the image. */
function projectFolder(context: BuildContext, copy: BroadCopy, project: string, cwd: string): ProjectFolder {
  const inSource = (path: string | undefined) =>
    path !== undefined && (copy.source === '' || path === copy.source || path.startsWith(`${copy.source}/`))
      ? path
      : undefined;
  const toContext = (image: string) =>
    isUnder(image, copy.dest)
      ? inSource(cleanPath(posix.join(copy.source, posix.relative(copy.dest, image))))
      : undefined;
  const dir = toContext(project) ?? copy.source;
  return {
    context,
    dir,
    path: (relative) => toContext(posix.resolve(project, relative)),
    locate: (named) => toContext(posix.resolve(cwd, named)),
  };
}
