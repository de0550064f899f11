/**
 * Which operating system a base image runs, read from its reference: RUN's shell form runs `/bin/sh -c` on Linux and
 * `cmd /S /C` on Windows, so nothing can be said of a RUN's text until this is known. A multi-platform image with a
 * plain tag (`python:3.12`) resolves to Linux on a Linux builder; Windows images carry it in their name or tag.
 */

/** The OS of a base image, or why it cannot be told. */
export type ImageOs = { os: 'linux' } | { os: 'windows' } | { os: 'unknown'; reason: string };

/** Words in a reference that only Windows images use. */
const WINDOWS_MARKERS =
  /(^|[/:@_-])(windows|windowsservercore|servercore|nanoserver|ltsc20\d\d|win(dows)?-?(10|11|2016|2019|2022|2025)|1809|20h2|2004)([/:@._-]|$)/i;

/** Repositories that only ever held Windows images. */
const WINDOWS_REPOSITORIES =
  /^(microsoft\/(iis|aspnet|dotnet-framework[\w-]*|windowsservercore|nanoserver|mssql-server-windows[\w-]*|wcf)|mcr\.microsoft\.com\/(windows|nanoserver|windowsservercore|dotnet\/framework)(\/|[\w-]*\/|[\w-]*$))/i;

/** Docker Hub's names: an image there is named the same under each. */
const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.docker.com']);

/** Registries whose images are Linux unless their name or tag says otherwise. */
const LINUX_REGISTRIES = new Set([
  ...DOCKER_HUB,
  'mirror.gcr.io',
  'mcr.microsoft.com',
  'gcr.io',
  'ghcr.io',
  'quay.io',
  'registry.k8s.io',
  'k8s.gcr.io',
  'public.ecr.aws',
  'registry.access.redhat.com',
  'registry.redhat.io',
  'cgr.dev',
  'docker.elastic.co',
  'nvcr.io',
  'registry.gitlab.com',
  'us-docker.pkg.dev',
  'europe-docker.pkg.dev',
  'asia-docker.pkg.dev',
  'container-registry.oracle.com',
  'registry.suse.com',
]);

/** The OS of an image reference whose variables are already expanded (undefined parts: the reason). */
export function imageOs(reference: string): ImageOs {
  if (reference.toLowerCase() === 'scratch') return { os: 'linux' };
  if (/\$/.test(reference))
    return { os: 'unknown', reason: `the base image \`${reference}\` is only known at build time` };
  const [first, ...rest] = reference.split('/');
  const registry = rest.length && /[.:]|^localhost$/.test(first) ? first.toLowerCase() : 'docker.io';
  const hub = DOCKER_HUB.has(registry);
  const name = hub && registry === first.toLowerCase() ? rest.join('/') : reference;
  if (WINDOWS_MARKERS.test(reference) || WINDOWS_REPOSITORIES.test(name)) return { os: 'windows' };
  if (!LINUX_REGISTRIES.has(registry)) {
    return {
      os: 'unknown',
      reason: `the base image \`${reference}\` comes from ${registry}, whose images layerfix cannot tell are Linux (an image built for Windows runs RUN under cmd)`,
    };
  }
  // Docker Hub's microsoft/ namespace is the Windows-era home of Microsoft's images.
  if (hub && /^microsoft\//i.test(name)) {
    return {
      os: 'unknown',
      reason: `the base image \`${reference}\` is in Docker Hub's microsoft/ namespace, which holds Windows images`,
    };
  }
  return { os: 'linux' };
}

/** The working directory official images set (`WORKDIR` in their Dockerfiles); the others start in `/`. */
const OFFICIAL_WORKDIRS: Record<string, string> = {
  golang: '/go',
  wordpress: '/var/www/html',
  httpd: '/usr/local/apache2',
  tomcat: '/usr/local/tomcat',
  redis: '/data',
};

/**
 * php sets `/var/www/html` only in its apache and fpm variants; the cli and zts variants, and the default tags (which
 * are cli), set none. A tag layerfix cannot place in one of them gives no answer.
 */
function phpWorkdir(tag: string): string | undefined {
  if (/(^|-)(apache|fpm)(-|$)/.test(tag)) return '/var/www/html';
  if (/^(latest|[0-9][0-9.]*(rc[0-9]*)?)?(-?(cli|zts))?(-(alpine[0-9.]*|bookworm|bullseye|buster|trixie))?$/.test(tag))
    return '/';
  return undefined;
}

/**
 * Official images known to set no WORKDIR: their RUNs start in `/`. Not perl: its images end with `WORKDIR
 * /usr/src/app` since 2023 (Perl/docker-perl), and what older tags set is not known here.
 */
const OFFICIAL_AT_ROOT = new Set([
  'alpine',
  'debian',
  'ubuntu',
  'busybox',
  'centos',
  'fedora',
  'buildpack-deps',
  'node',
  'python',
  'ruby',
  'rust',
  'nginx',
  'postgres',
  'mongo',
  'eclipse-temurin',
  'openjdk',
  'gcc',
  'docker',
  'amazonlinux',
  'oraclelinux',
  'rockylinux',
  'almalinux',
  'scratch',
]);

/**
 * Official images made from Debian's or Ubuntu's official images, which keep their
 * /etc/apt/apt.conf.d/docker-clean: apt-get deletes the packages it downloads, as apt does anywhere.
 */
const DOCKER_CLEAN = new Set(['debian', 'ubuntu', 'buildpack-deps', 'python', 'node', 'ruby', 'golang', 'rust', 'php']);

/**
 * What C library an official image runs on: musl on Alpine (whose collation is byte order in every locale), glibc in
 * those made from Debian or Ubuntu (whose `/bin/sh` is dash); undefined when not known.
 */
export function officialLibc(reference: string): 'musl' | 'glibc-dash' | undefined {
  const match = OFFICIAL_IMAGE.exec(reference.toLowerCase());
  if (!match) return undefined;
  if (match[1] === 'alpine' || /alpine/.test(match[2] ?? '')) return 'musl';
  return DOCKER_CLEAN.has(match[1]) && !/windows/.test(match[2] ?? '') ? 'glibc-dash' : undefined;
}

/** Whether an image is an official one whose apt-get deletes the packages it downloads (docker-clean). */
export function aptGetDeletesDownloads(reference: string): boolean {
  const match = OFFICIAL_IMAGE.exec(reference.toLowerCase());
  return match !== null && DOCKER_CLEAN.has(match[1]) && !/alpine|windows/.test(match[2] ?? '');
}

/** An official image by name and tag, under any of Docker Hub's names or none. */
const OFFICIAL_IMAGE = new RegExp(
  `^(?:(?:${[...DOCKER_HUB].map((name) => name.replace(/[.]/g, '\\.')).join('|')})/)?(?:library/)?([a-z0-9._-]+)(?::([^@/]*))?(?:@.*)?$`,
);

/**
 * Microsoft's .NET images for Linux, built in turn on the official alpine, debian and ubuntu images: none sets a
 * WORKDIR, a PATH or a USER (github.com/dotnet/dotnet-docker, src/{runtime-deps,runtime,aspnet,sdk}).
 */
const DOTNET_IMAGES = /^mcr\.microsoft\.com\/dotnet\/(?:sdk|aspnet|runtime|runtime-deps)(?::([^@/]*))?(?:@.*)?$/;
/** Their tags that are something else: chiseled and distroless images run as a non-root user, the others Windows. */
const NOT_PLAIN_DOTNET = /chiseled|distroless|azurelinux|cbl-mariner|nanoserver|windowsservercore|ltsc/;

/**
 * Official images whose ENV puts folders of their own before the default PATH (`PATH=/usr/local/cargo/bin:$PATH`);
 * undefined where they depend on the version (a JDK's or PostgreSQL's folder).
 */
const OWN_PATH: Record<string, readonly string[] | undefined> = {
  golang: ['/go/bin', '/usr/local/go/bin'],
  rust: ['/usr/local/cargo/bin'],
  ruby: ['/usr/local/bundle/bin'],
  'eclipse-temurin': ['/opt/java/openjdk/bin'],
  httpd: ['/usr/local/apache2/bin'],
  openjdk: undefined,
  tomcat: undefined,
  postgres: undefined,
};
/** Official images whose ENV sets HOME elsewhere than root's (mongo: /data/db). */
const OWN_HOME = new Set(['mongo']);

/** The PATH of Debian, Ubuntu and Alpine images when no ENV sets another. */
const DEFAULT_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Whether a folder is on the PATH an official image starts with (a real folder there, not a link to another). */
export function officialPathFolder(folder: string): boolean {
  return DEFAULT_PATH.includes(folder) || Object.values(OWN_PATH).some((own) => own?.includes(folder));
}

/** What an official image layerfix knows starts a stage with: its working directory, HOME and PATH. */
export interface ImageStart {
  workdir: string;
  /** HOME, when the image's ENV does not set another (root's). */
  home: string | undefined;
  /** The folders of PATH in order, when known. */
  searchPath: readonly string[] | undefined;
}

/** How an official image layerfix knows starts a stage (as root); undefined for any other image. */
export function imageStart(reference: string): ImageStart | undefined {
  const workdir = imageWorkdir(reference);
  if (workdir === undefined) return undefined;
  const name = OFFICIAL_IMAGE.exec(reference.toLowerCase())?.[1] ?? '';
  const own = name in OWN_PATH ? OWN_PATH[name] : [];
  return {
    workdir,
    home: OWN_HOME.has(name) ? undefined : '/root',
    searchPath: own === undefined ? undefined : [...own, ...DEFAULT_PATH],
  };
}

/**
 * The working directory an image starts RUNs in, when it is an official image layerfix knows; undefined otherwise.
 * An `onbuild` variant runs its parent's ONBUILD triggers (a WORKDIR among them) first, so it gives no answer, nor
 * does a variant that runs as another user (`docker:dind-rootless`, `wordpress:cli` as www-data).
 */
export function imageWorkdir(reference: string): string | undefined {
  const dotnet = DOTNET_IMAGES.exec(reference.toLowerCase());
  // A digest alone may name any of their images.
  if (dotnet)
    return NOT_PLAIN_DOTNET.test(dotnet[1] ?? '') || (!dotnet[1] && reference.includes('@')) ? undefined : '/';
  const match = OFFICIAL_IMAGE.exec(reference.toLowerCase());
  if (!match) return undefined;
  const [, name, tag = ''] = match;
  if (/onbuild|rootless/.test(tag) || (name === 'wordpress' && /(^|-)cli(-|$)/.test(tag))) return undefined;
  if (name === 'php') return phpWorkdir(tag);
  return OFFICIAL_WORKDIRS[name] ?? (OFFICIAL_AT_ROOT.has(name) ? '/' : undefined);
}
