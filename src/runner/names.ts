/**
 * Which file names are Dockerfiles, and which are layerfix's own temporary files.
 */

const DOCKERFILE = /^(?:Dockerfile|Containerfile)(?:\..+)?$|^.+\.(?:Dockerfile|dockerfile)$/;

/** Temporary files of an interrupted `--write`: `.<name>.layerfix-<pid>-<thread>-<n>.tmp`. */
export const TEMP_FILE = /^\..+\.layerfix-\d+-\d+-\d+\.tmp$/;

/** Whether a base name is a Dockerfile by name: `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `*.dockerfile`, `Containerfile`, `Containerfile.*`. */
export function isDockerfileName(name: string): boolean {
  return DOCKERFILE.test(name) && !name.endsWith('.dockerignore') && !TEMP_FILE.test(name);
}

/** The id of the process that wrote a temporary file, from its name. */
export function tempFileOwner(name: string): number | undefined {
  const match = /\.layerfix-(\d+)-\d+-\d+\.tmp$/.exec(name);
  return match ? Number(match[1]) : undefined;
}

/**
 * Folders never searched (a file in them named on the command line is still processed): dependencies, version
 * control, and the fixture folders of transform tests, whose `input.Dockerfile` files must never be rewritten.
 */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', '__fixtures__']);
