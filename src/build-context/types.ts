/**
 * What the repository says about how its Dockerfiles are built: one `BuildSource` per build a compose file, bake
 * file, workflow step, skaffold artifact, dev container or `docker build` command line describes.
 */

/** One build of a Dockerfile that a file of the repository describes. */
export interface BuildSource {
  /** The Dockerfile built (absolute). */
  dockerfile: string;
  /** The build context folder (absolute). */
  context: string;
  /** The stage built (`--target`), when the source names one. */
  target?: string;
  /**
   * The ignore file the builder reads instead of the Dockerfile's own and the context's .dockerignore (absolute), or
   * GIT_CONTEXT for a Git context, to which no ignore file applies.
   */
  ignoreFile?: string;
  /** Where it is said, for messages: `compose.yaml: services.web.build`, `Makefile:12: docker build`. */
  source: string;
  /** Set when podman or buildah runs the build (imagebuilder's rules, not BuildKit's): the command, `podman build`. */
  podman?: string;
}

/** A build a file describes that cannot be used, and why (a variable whose value is not known, a remote context). */
export interface UnusableSource {
  /** The Dockerfile it names (absolute), when that much is known. */
  dockerfile?: string;
  source: string;
  reason: string;
  /**
   * The build context (absolute), when that much is known: with `dockerfile`, only the target is not; without, the
   * Dockerfile is not (the build may be of any Dockerfile, from this context).
   */
  context?: string;
  /** With `context`: the ignore file the build reads in place of .dockerignore, as for a usable build. */
  ignoreFile?: string;
  /**
   * The Dockerfile's path as written, relative to a folder that is not known (`web/Dockerfile` under
   * `${MONOREPO_ROOT}`): a Dockerfile whose path ends so may be the one built.
   */
  dockerfileTail?: string;
  /** Set when podman or buildah runs the build: the command. */
  podman?: string;
}

/** Everything the repository's build files say, read once per repository. */
export interface SourceScan {
  builds: BuildSource[];
  unusable: UnusableSource[];
  /** The build files read, repository-relative (for messages and tests). */
  files: string[];
}

/** Collects what the readers find. */
export interface SourceSink {
  build(found: BuildSource): void;
  unusable(found: UnusableSource): void;
}

/**
 * How a Dockerfile is to be built, as plain data for worker threads: a context the configuration, the command line or
 * the repository's build files chose, or, when none did, the folders the worker tries against the file's own COPY
 * sources (the Dockerfile's folder, then the repository root).
 */
export interface BuildPlan {
  /** The chosen build context (absolute). */
  context?: string;
  /** Where it came from: `--context`, a configuration file, a build file of the repository. */
  contextSource?: string;
  /** The stage built, when every source that names the Dockerfile agrees on one. */
  target?: string;
  /** The stages built, when the sources name several (the last stage where one names none). */
  targets?: string[];
  /** The ignore file the build reads in place of .dockerignore (podman's `--ignorefile`, `.containerignore`). */
  ignoreFile?: string;
  /**
   * Why the context cannot be known: a build file builds the Dockerfile from a context layerfix cannot read, or the
   * build files disagree. No fallback is tried then.
   */
  unknown?: string;
  /**
   * Builds that may build the Dockerfile (the one they build is not known) from a known context: a fallback that
   * chooses another folder leaves the context unknown.
   */
  mightBuildFrom?: Array<{ source: string; context: string; ignoreFile?: string }>;
  /** No source decided: try the Dockerfile's folder, then this folder (the repository root). */
  fallbackRoot?: string;
  /** Where a build file says podman or buildah builds the Dockerfile (`Makefile:12: podman build`). */
  podman?: string;
  /** What else the discovery found: disagreements, sources it could not use. */
  notes?: string[];
}

/** What the report says about the build context a file was given. */
export interface BuildInfo {
  /** The context folder (absolute), when one was chosen. */
  context?: string;
  /** Where it came from; for a fallback, `fallback: ...`. */
  source: string;
  target?: string;
  /** Disagreements, unusable sources, why the fallback chose what it did or found nothing. */
  notes: string[];
  /** Set when no context could be found: why (naming the missing path). */
  unknown?: string;
}
