/**
 * What the checks need to know of image references and platforms without a registry: whether a reference is one
 * BuildKit can pull (the distribution reference grammar), how a `--platform` value reads (containerd's platform
 * specifiers, on a linux/amd64 builder), the arguments BuildKit predefines, and the base images whose environment is
 * known to hold only `PATH`.
 */

/** The build arguments BuildKit defines for every build (`TARGETPLATFORM`, ...), with the values of a linux/amd64 build. */
export const PREDEFINED_ARGS: ReadonlyMap<string, string> = new Map([
  ['BUILDPLATFORM', 'linux/amd64'],
  ['BUILDOS', 'linux'],
  ['BUILDOSVERSION', ''],
  ['BUILDARCH', 'amd64'],
  ['BUILDVARIANT', ''],
  ['TARGETPLATFORM', 'linux/amd64'],
  ['TARGETOS', 'linux'],
  ['TARGETOSVERSION', ''],
  ['TARGETARCH', 'amd64'],
  ['TARGETVARIANT', ''],
  ['TARGETSTAGE', 'default'],
]);

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
const DOMAIN = `${HOST}(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(
  `^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`,
);

/**
 * Whether BuildKit can read `text` as an image reference (`ParseNormalizedNamed`): not empty, the distribution
 * grammar, a lower-case repository, a name of at most 255 characters, and not a bare 64-digit hex ID.
 */
export function isImageReference(text: string): boolean {
  let known = references.get(text);
  if (known === undefined) {
    if (references.size > 1000) references.clear();
    references.set(text, (known = readsAsReference(text)));
  }
  return known;
}

/** References already read (files of a run name the same few images). */
const references = new Map<string, boolean>();

function readsAsReference(text: string): boolean {
  if (/^[a-f0-9]{64}$/.test(text)) return false;
  const slash = text.indexOf('/');
  const first = slash < 0 ? '' : text.slice(0, slash);
  const hasDomain = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  const remainder = hasDomain ? text.slice(slash + 1) : text;
  const repository = remainder.replace(/[:@].*$/, '');
  if (repository.toLowerCase() !== repository) return false;
  const match = REFERENCE.exec(text);
  return match !== null && match[1].length <= 255;
}

const KNOWN_OS = new Set([
  'aix',
  'android',
  'darwin',
  'dragonfly',
  'freebsd',
  'hurd',
  'illumos',
  'ios',
  'js',
  'linux',
  'nacl',
  'netbsd',
  'openbsd',
  'plan9',
  'solaris',
  'wasip1',
  'windows',
  'zos',
]);
const KNOWN_ARCH = new Set([
  '386',
  'amd64',
  'amd64p32',
  'arm',
  'armbe',
  'arm64',
  'arm64be',
  'loong64',
  'mips',
  'mipsle',
  'mips64',
  'mips64le',
  'mips64p32',
  'mips64p32le',
  'ppc',
  'ppc64',
  'ppc64le',
  'riscv',
  'riscv64',
  's390',
  's390x',
  'sparc',
  'sparc64',
  'wasm',
]);
const ARCH_ALIASES: Record<string, string> = {
  i386: '386',
  x86_64: 'amd64',
  'x86-64': 'amd64',
  aarch64: 'arm64',
  armhf: 'arm',
  armel: 'arm',
};

/** A platform specifier as containerd reads it (`linux/arm64`, `windows`, `arm64`): its OS and architecture. */
export function readPlatform(text: string): { os: string; architecture: string } | undefined {
  const specifier = text.replace(/^([^/(]*)\([^)]*\)/, '$1');
  const parts = specifier.split('/');
  if (text.includes('*') || parts.length > 3 || !parts.every((part) => /^[A-Za-z0-9_.-]+$/.test(part)))
    return undefined;
  const os = parts[0].toLowerCase() === 'macos' ? 'darwin' : parts[0].toLowerCase();
  const arch = (name: string) => ARCH_ALIASES[name.toLowerCase()] ?? name.toLowerCase();
  if (parts.length > 1) return { os, architecture: arch(parts[1]) };
  if (KNOWN_OS.has(os)) return { os, architecture: 'amd64' };
  return KNOWN_ARCH.has(arch(parts[0])) ? { os: 'linux', architecture: arch(parts[0]) } : undefined;
}

/** Official images whose configuration sets no environment variable but `PATH` (as BuildKit sees `scratch` too). */
const PATH_ONLY = new Set(['alpine', 'busybox', 'debian', 'ubuntu', 'scratch']);

/**
 * The environment variables a base image sets, when layerfix knows them (`PATH`, which BuildKit always sets, for the
 * images above); undefined for other images, which may set any.
 */
export function imageEnvironment(reference: string): ReadonlySet<string> | undefined {
  const match = /^(?:(?:docker\.io|index\.docker\.io)\/)?(?:library\/)?([a-z0-9._-]+)(?::[^@/]*)?(?:@.*)?$/.exec(
    reference.toLowerCase(),
  );
  return match && PATH_ONLY.has(match[1]) ? new Set(['PATH']) : undefined;
}
