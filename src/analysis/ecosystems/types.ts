/**
 * What an ecosystem module declares: how to read its commands, and which files of a project its install needs.
 */
import type { BuildContext } from '../build-context.js';

/** One command of a RUN, as the ecosystems read it. */
export interface Invocation {
  /** The command name as written (`./gradlew`, `/usr/local/bin/pip`). */
  program: string;
  /** Its last path segment (`gradlew`, `pip`). */
  name: string;
  /** The argument values; null where a value is only known at build time. */
  args: Array<string | null>;
  /** The command as written, for messages. */
  text: string;
  /**
   * The variables set for the command: ENV and ARG values in effect, then what the RUN exports or puts before it;
   * undefined for a variable set to a value layerfix cannot read.
   */
  env: ReadonlyMap<string, string | undefined>;
}

/** A path an install reads besides its manifests (a file an environment variable names): fine unless the COPY brings it. */
export interface ExtraRead {
  /** The path, relative to the command's working directory or absolute; null when only known at build time. */
  path: string | null;
  /** What makes the install use it, for the decline (`PIP_CONSTRAINT makes pip use`). */
  why: string;
}

/** A command that installs a project's dependencies and so needs its manifests. */
export interface InstallUse {
  /** The ecosystem's name (`npm`, `poetry`, ...). */
  ecosystem: string;
  /** The project folder, relative to the command's working directory (or absolute in the image). */
  project: string;
  /** Files the command names (pip's `-r`), relative to the working directory or absolute. */
  named: string[];
  /**
   * Options read off the command that decide what the install needs (`no-root`, `ignore-scripts`, ...); `named-only`
   * when it reads only the files it names, wherever it runs (pip's `-r`); `auxiliary` for a command that only reads
   * what an install set up (`npm prune`, `go mod verify`): it moves along with an install, but is no reason to split.
   */
  options: ReadonlySet<string>;
  /** Paths the install reads besides the manifests; the split declines when the COPY brings one of them. */
  reads: readonly ExtraRead[];
}

/** What one command means for splitting: an install, harmless, or a reason to decline. */
export type Verdict =
  | { kind: 'install'; use: InstallUse }
  | { kind: 'harmless' }
  /**
   * `install`: the command is an install, one that needs more than the manifests (`pip install .`); `configures`: it
   * writes the tool's own configuration (`go env -w`), which an install later in the stage reads.
   */
  | { kind: 'decline'; reason: string; install?: boolean; configures?: boolean };

/** A project folder of the build context, as one broad COPY brings it into the image. */
export interface ProjectFolder {
  context: BuildContext;
  /** The project folder, context-relative (`''` for the context root). */
  dir: string;
  /** The context-relative path of a path relative to the project, or undefined when the copy does not bring it. */
  path(relative: string): string | undefined;
  /** The context-relative path of a path a command names (relative to its working directory, or absolute), when the copy brings it. */
  locate(named: string): string | undefined;
}

/** The manifests (context-relative files and folders) an install needs, or why it needs more. */
export type Manifests = { files: string[] } | { decline: string };

/** One ecosystem: its commands and its manifests. */
export interface Ecosystem {
  /** The name used in messages and in the `ecosystems` option. */
  name: string;
  /** Read a command; undefined when it is not one of this ecosystem's commands. */
  read(invocation: Invocation): Verdict | undefined;
  /** The manifests a project's install needs. */
  manifests(project: ProjectFolder, use: InstallUse): Manifests;
}
