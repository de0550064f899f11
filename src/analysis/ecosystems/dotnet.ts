/**
 * .NET: `dotnet restore` needs the solution, every project it restores and the projects they reference, the files
 * they import, the `Directory.Build.*` and `Directory.Packages.props` files above each project, the NuGet.config
 * files NuGet finds the same way, `global.json` and each project's `packages.lock.json`; all read as XML, keeping
 * their folders. It declines for what restore would read beyond them: imports of files that are not project files,
 * restore settings or NuGet sources naming folders of the build context, property functions and conditions that look
 * at other files, targets hooked into restore, a restore of a path the COPY does not bring, wildcard references.
 */
import { posix } from 'node:path';
import {
  decline,
  environmentReads,
  envFlag,
  foldersUp,
  hasOption,
  install,
  isRemote,
  needsSources,
  optionValues,
  parseArgs,
  writesManifests,
} from './common.js';
import {
  DIRECTORY_FILES,
  isProjectFile,
  nugetConfigPaths,
  readProjectFile,
  solutionProjects,
  type MsbuildPath,
} from './msbuild.js';
import type { Ecosystem, ExtraRead, InstallUse, Invocation, Manifests, ProjectFolder, Verdict } from './types.js';

const DOTNET_VALUES = [
  '-s',
  '--source',
  '--packages',
  '--configfile',
  '-r',
  '--runtime',
  '-v',
  '--verbosity',
  '-a',
  '--arch',
  '--os',
  '--lock-file-path',
  '-p',
  '--property',
  '--artifacts-path',
  '-c',
  '--configuration',
  '-f',
  '--framework',
  '-o',
  '--output',
];
/** NuGet's configuration file names, as NuGet looks for them in each folder on Linux. */
const NUGET_CONFIGS = ['nuget.config', 'NuGet.config', 'NuGet.Config'];
/** MSBuild properties that name a props or targets file every project imports. */
const IMPORT_PROPERTIES = [
  'DirectoryBuildPropsPath',
  'DirectoryBuildTargetsPath',
  'DirectoryPackagesPropsPath',
  'CustomBeforeMicrosoftCommonProps',
  'CustomAfterMicrosoftCommonProps',
  'CustomBeforeMicrosoftCommonTargets',
  'CustomAfterMicrosoftCommonTargets',
  'CustomBeforeDirectoryBuildProps',
  'CustomAfterDirectoryBuildProps',
  'CustomBeforeDirectoryBuildTargets',
  'CustomAfterDirectoryBuildTargets',
];

/** The variables (NuGet's, and MSBuild properties, which MSBuild reads from the environment) that name restore's paths. */
const DOTNET_PATH_VARIABLES = [
  'NUGET_PACKAGES',
  'NUGET_HTTP_CACHE_PATH',
  'NUGET_FALLBACK_PACKAGES',
  'NUGET_PLUGIN_PATHS',
  'DOTNET_CLI_HOME',
  'RestoreSources',
  'RestorePackagesPath',
  'RestoreConfigFile',
  'RestoreAdditionalProjectSources',
  'RestoreFallbackFolders',
  // MSBuild reads every environment variable as a property: these name files it imports (red team 19).
  ...IMPORT_PROPERTIES,
];
/** Properties given on the command line (`-p:Name=Value`) that name restore's paths. */
const PATH_PROPERTIES = new RegExp(
  `^(RestoreSources|RestorePackagesPath|RestoreConfigFile|RestoreAdditionalProjectSources|RestoreFallbackFolders|NuGetLockFilePath|${IMPORT_PROPERTIES.join('|')})$`,
  'i',
);

/** The command line with MSBuild's property forms (`-p:A=B`, `/p:A=B`, `-property:A=B`) as `-p A=B`. */
function normalised(args: Array<string | null>): Array<string | null> {
  return args.flatMap((arg) => {
    const property = arg === null ? null : /^(?:\/|--?)(?:p|property):(.*)$/i.exec(arg);
    return property ? ['-p', property[1]] : [arg];
  });
}

function readDotnet(invocation: Invocation): Verdict {
  const parsed = parseArgs(normalised(invocation.args), DOTNET_VALUES);
  const [sub, second, ...rest] = parsed.positionals;
  if (sub === undefined)
    return hasOption(parsed, '--info', '--version', '--list-sdks', '--list-runtimes', '-h', '--help')
      ? { kind: 'harmless' }
      : needsSources(invocation.text);
  if (sub === null) return decline('runs dotnet with a subcommand only known at build time');
  if (sub === 'restore') {
    const env = invocation.env;
    const properties = optionValues(parsed, '-p').map((value) => /^([^=]+)=(.*)$/.exec(value ?? '') ?? ['', '', '']);
    const property = (name: string) => properties.find(([, key]) => key.toLowerCase() === name.toLowerCase())?.[2];
    const locked =
      hasOption(parsed, '--locked-mode') ||
      /^true$/i.test(property('RestoreLockedMode') ?? '') ||
      envFlag(env, 'RestoreLockedMode');
    const configs = optionValues(parsed, '--configfile');
    if (configs.includes(null) || [second, ...rest].includes(null))
      return decline('runs dotnet restore with a path only known at build time', true);
    const reads: ExtraRead[] = [
      ...environmentReads(env, DOTNET_PATH_VARIABLES, 'restore'),
      ...optionValues(parsed, '-s', '--source', '--packages')
        .filter((value) => value === null || !isRemote(value))
        .map((path) => ({ path, why: 'the command line makes restore use' })),
      ...properties
        .filter(([, key]) => PATH_PROPERTIES.test(key))
        .flatMap(([, key, value]) =>
          value
            .split(';')
            .filter((part) => part && !isRemote(part))
            .map((path) => ({ path, why: `the property ${key} makes restore use` })),
        ),
    ];
    const options = [
      locked && 'locked',
      hasOption(parsed, '--force-evaluate') && 'force-evaluate',
      ...(configs as string[]).map((file) => `config:${file}`),
      ...(second ? ['named-only'] : []),
    ].filter((o): o is string => !!o);
    return install('dotnet', '.', options, second ? [second] : [], reads);
  }
  if (sub === 'tool' && second === 'restore')
    return install(
      'dotnet',
      '.',
      ['tools'],
      [],
      environmentReads(invocation.env, DOTNET_PATH_VARIABLES, 'dotnet tool restore'),
    );
  if (sub === 'add' || sub === 'remove') return writesManifests(invocation.text);
  if (
    (sub === 'tool' &&
      (second === 'install' || second === 'update') &&
      hasOption(parsed, '-g', '--global', '--tool-path')) ||
    sub === 'nuget' ||
    sub === 'dev-certs' ||
    sub === 'sdk' ||
    sub === '--info'
  )
    return { kind: 'harmless' };
  return needsSources(invocation.text);
}

/** One MSBuild file to read: its path relative to the project folder, and whether it is a project (restored, or referenced). */
interface Pending {
  file: string;
  project: boolean;
}

/** What restore reads, gathered project by project. */
class Restore {
  readonly files = new Set<string>();
  readonly projectFolders = new Set<string>();
  private readonly seen = new Set<string>();
  private readonly queue: Pending[] = [];

  constructor(private readonly project: ProjectFolder) {}

  /** The context path of a path relative to the project folder, when the copy brings it. */
  brought(path: string): string | undefined {
    const at = this.project.path(path);
    return at !== undefined && this.project.context.has(at) ? at : undefined;
  }

  /** Add a file to copy (relative to the project folder) and, when it is an MSBuild file, read it later. */
  add(file: string, project = false): void {
    const at = this.brought(file);
    if (at === undefined) return;
    this.files.add(at);
    if (isProjectFile(file) && !this.seen.has(at)) {
      this.seen.add(at);
      this.queue.push({ file, project });
    }
  }

  /** The files found by walking up from a folder to the top of the copy: Directory.Build.*, NuGet.config, global.json (or `names`). */
  walkUp(
    folder: string,
    names: readonly string[] = [...DIRECTORY_FILES, ...NUGET_CONFIGS, 'global.json', 'Directory.Build.rsp'],
  ): void {
    for (const dir of foldersUp(this.project, folder)) for (const name of names) this.add(posix.join(dir, name));
  }

  /** Read every queued MSBuild file; the reason to decline, if any. */
  read(): string | undefined {
    while (this.queue.length) {
      const { file, project } = this.queue.shift()!;
      const folder = posix.dirname(file);
      const at = this.brought(file)!;
      if (project) {
        this.projectFolders.add(folder);
        this.walkUp(folder);
        this.add(posix.join(folder, 'packages.lock.json'));
      }
      const facts = readProjectFile(at, this.project.context.read(at) ?? '');
      if (facts.problem) return facts.problem;
      for (const reference of facts.references) {
        if (reference === null) return `${at} references a project through a property, which layerfix does not expand`;
        const path = posix.join(folder, reference);
        if (this.brought(path) === undefined)
          return `${at} references ${reference}, which is not in what the COPY brings`;
        this.add(path, true);
      }
      for (const { path, written } of facts.imports) {
        if (path === null) return `${at} imports \`${written}\`, a path layerfix cannot resolve`;
        const full = posix.join(folder, path);
        if (this.brought(full) === undefined) continue;
        if (!isProjectFile(path))
          return `${at} imports ${path}, which is not a project file, so it is not among the manifests`;
        this.add(full);
      }
      for (const { name, path, written } of facts.settings) {
        const named = this.local(folder, path);
        if (named) return `${at} sets ${name} to \`${written}\`, ${named}`;
      }
      for (const { path, written } of facts.existence) {
        if (path === null)
          return `${at} has a condition on whether \`${written}\` exists, a path layerfix cannot resolve`;
        const found = [folder, ...this.projectFolders]
          .map((dir) => this.brought(posix.join(dir, path)))
          .find((hit) => hit !== undefined);
        if (found !== undefined && !this.files.has(found))
          return `${at} has a condition on whether ${found} exists, which holds for the sources but not before the COPY`;
      }
    }
    return undefined;
  }

  /** Why a local path a setting names is a problem (`path` relative to `folder` or to any project), if it is. */
  local(folder: string, path: MsbuildPath): string | undefined {
    if (path === null) return 'a path layerfix cannot resolve';
    const found = [folder, ...this.projectFolders]
      .map((dir) => this.brought(posix.join(dir, path)))
      .find((hit) => hit !== undefined);
    return found === undefined ? undefined : `which is ${found} in the build context and not among the manifests`;
  }
}

/** The files restore starts from, relative to the project folder, or why they cannot be told. */
function entry(
  project: ProjectFolder,
  use: InstallUse,
): { solution?: string; projects: string[] } | { decline: string } {
  let folder = '.';
  if (use.named.length) {
    const at = project.locate(use.named[0]);
    if (at === undefined || !project.context.has(at))
      return {
        decline: `dotnet restore restores \`${use.named[0]}\`, which is not in what the COPY brings, so layerfix cannot follow what it references`,
      };
    const relative = posix.relative(project.dir, at) || '.';
    if (!project.context.isDirectory(at))
      return /\.slnx?$/i.test(at)
        ? { solution: relative, projects: [] }
        : isProjectFile(at)
          ? { projects: [relative] }
          : { decline: `dotnet restore restores ${at}, which is neither a solution nor a project` };
    folder = relative;
  }
  const dir = project.path(folder);
  const names =
    dir === undefined
      ? []
      : project.context
          .list(dir)
          .filter(
            (name) =>
              /\.(slnx?|csproj|fsproj|vbproj|proj)$/i.test(name) && project.context.isFile(posix.join(dir, name)),
          );
  if (names.length !== 1)
    return {
      decline: `dotnet restore looks for one project or solution file in ${dir || 'the context root'}, and the build context has ${names.length ? names.join(', ') : 'none'}`,
    };
  const found = posix.join(folder, names[0]);
  return /\.slnx?$/i.test(found) ? { solution: found, projects: [] } : { projects: [found] };
}

function dotnetManifests(project: ProjectFolder, use: InstallUse): Manifests {
  const restore = new Restore(project);
  if (use.options.has('tools')) {
    // `dotnet tool restore` reads the tool manifest, NuGet's configuration and global.json, found walking up.
    restore.walkUp('.', ['.config/dotnet-tools.json', 'dotnet-tools.json', ...NUGET_CONFIGS, 'global.json']);
    if (![...restore.files].some((file) => file.endsWith('dotnet-tools.json')))
      return {
        decline: `the build context has no .config/dotnet-tools.json for dotnet tool restore in ${project.dir || 'its root'} or above`,
      };
    return nugetProblem(project, restore, use) ?? { files: [...restore.files] };
  }
  const start = entry(project, use);
  if ('decline' in start) return start;
  const projects = [...start.projects];
  if (start.solution) {
    restore.add(start.solution);
    const at = restore.brought(start.solution)!;
    const listed = solutionProjects(at, project.context.read(at) ?? '');
    if (typeof listed === 'string') return { decline: listed };
    for (const path of listed) {
      if (path === null) return { decline: `${at} lists a project through a property, which layerfix does not expand` };
      const file = posix.join(posix.dirname(start.solution), path);
      if (restore.brought(file) === undefined)
        return { decline: `${at} lists ${path}, which is not in what the COPY brings` };
      projects.push(file);
    }
    restore.walkUp(posix.dirname(start.solution));
  }
  for (const file of projects) restore.add(file, true);
  for (const config of [...use.options].filter((option) => option.startsWith('config:'))) {
    const at = project.locate(config.slice(7));
    if (at === undefined || !project.context.isFile(at))
      return { decline: `the NuGet configuration \`${config.slice(7)}\` is not in what the COPY brings` };
    restore.files.add(at);
  }
  const problem = restore.read();
  if (problem) return { decline: problem };
  const switches = [...restore.files].find((file) => posix.basename(file) === 'Directory.Build.rsp');
  if (switches)
    return {
      decline: `MSBuild reads command-line switches for restore from ${switches}, which layerfix does not follow`,
    };
  const nuget = nugetProblem(project, restore, use);
  if (nuget) return nuget;
  const locks = [...restore.files].filter((path) => posix.basename(path) === 'packages.lock.json');
  if (locks.length && (!use.options.has('locked') || use.options.has('force-evaluate'))) {
    return {
      decline: `restore rewrites ${locks[0]} when it is out of date${use.options.has('force-evaluate') ? ' (and always with --force-evaluate)' : ''}, and the COPY would then put the old one back (add --locked-mode)`,
    };
  }
  for (const folder of restore.projectFolders) {
    const output = restore.brought(posix.join(folder, 'obj'));
    if (output !== undefined)
      return {
        decline: `the build context holds ${output}, which the COPY would then copy over what restore wrote (add **/obj to .dockerignore)`,
      };
  }
  return { files: [...restore.files] };
}

/** Why a NuGet.config restore reads names a folder of the build context, if one does. */
function nugetProblem(project: ProjectFolder, restore: Restore, use: InstallUse): { decline: string } | undefined {
  for (const file of [...restore.files].filter(
    (path) => NUGET_CONFIGS.includes(posix.basename(path)) || use.options.has(`config:${path}`),
  )) {
    const paths = nugetConfigPaths(file, project.context.read(file) ?? '');
    if (typeof paths === 'string') return { decline: paths };
    for (const { key, path, written } of paths) {
      const named = restore.local(posix.relative(project.dir, posix.dirname(file)) || '.', path);
      if (named) return { decline: `${file} sets ${key} to \`${written}\`, ${named}` };
    }
  }
  return undefined;
}

/** `dotnet restore` and `dotnet tool restore`. */
export const dotnet: Ecosystem = {
  name: 'dotnet',
  read(invocation) {
    return invocation.name === 'dotnet' ? readDotnet(invocation) : undefined;
  },
  manifests: dotnetManifests,
};
