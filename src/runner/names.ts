/**
 * Which file names are Dockerfiles, and which are layerfix's own temporary files.
 */

/**
 * The names a Dockerfile goes by (docs/cli.md, "Which files", says where each comes from): `Dockerfile` and
 * `Containerfile` alone or with a suffix after `.`, `-` or `_` (`Dockerfile.dev`, `Dockerfile-dev`, `Dockerfile_prod`),
 * the lower-case `dockerfile` the Docker CLI falls back to, and the extensions `.Dockerfile`, `.dockerfile`,
 * `.Containerfile`, `.containerfile`.
 */
const DOCKERFILE =
  /^(?:Dockerfile|Containerfile)(?:[._-].+)?$|^dockerfile$|^.+\.(?:Dockerfile|dockerfile|Containerfile|containerfile)$/;

/** Temporary files of an interrupted `--write`: `.<name>.layerfix-<pid>-<thread>-<n>.tmp`. */
export const TEMP_FILE = /^\..+\.layerfix-\d+-\d+-\d+\.tmp$/;

/** Whether a base name is a Dockerfile by name (see DOCKERFILE); never a `.dockerignore` or a temporary file of ours. */
export function isDockerfileName(name: string): boolean {
  return DOCKERFILE.test(name) && !/\.(?:docker|container)ignore$/.test(name) && !TEMP_FILE.test(name);
}

/** The id of the process that wrote a temporary file, from its name. */
export function tempFileOwner(name: string): number | undefined {
  const match = /\.layerfix-(\d+)-\d+-\d+\.tmp$/.exec(name);
  return match ? Number(match[1]) : undefined;
}

/**
 * Folders never searched (a file in them named on the command line is still processed): dependencies (node_modules,
 * and `vendor`, where Go and Composer keep the code of other projects: red team 34 saw their Dockerfiles rewritten),
 * version control, and the fixture folders of transform tests, whose `input.Dockerfile` files must never be rewritten.
 */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', 'vendor', '.git', '__fixtures__']);
