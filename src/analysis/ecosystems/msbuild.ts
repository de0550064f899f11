/**
 * What `dotnet restore` reads in an MSBuild project file (`*.csproj`, `*.fsproj`, `*.vbproj`, `.props`, `.targets`),
 * a solution (`.sln`, `.slnx`) and a NuGet.config, read with an XML parser: the projects it references, the files it
 * imports, the paths its restore settings name, and whatever evaluation would read beyond them (a property function
 * reading a file, a condition on a file's existence, a target hooked into restore).
 */
import { posix } from 'node:path';
import { elementsNamed, readXml, type XmlElement } from '../xml-files.js';
import { isRemote } from './common.js';

/** An MSBuild path as read: `/`-separated, relative to the file's folder, or null when a property hides it. */
export type MsbuildPath = string | null;

/** What restore reads from one MSBuild file. */
export interface ProjectFacts {
  /** ProjectReference paths, relative to the file's folder. */
  references: MsbuildPath[];
  /** Imported files (not SDK or toolset files), relative to the file's folder, with the text as written. */
  imports: Array<{ path: MsbuildPath; written: string }>;
  /** Restore settings that name paths (`RestoreSources`, `RestorePackagesPath`, ...), relative to the file's folder. */
  settings: Array<{ name: string; path: MsbuildPath; written: string }>;
  /** Paths whose existence a condition tests, relative to the file's folder. */
  existence: Array<{ path: MsbuildPath; written: string }>;
  /** Why evaluating the file reads more than layerfix can follow, if it does. */
  problem?: string;
}

/** Project file names restore reads besides the projects themselves (found by walking up from each project). */
export const DIRECTORY_FILES = [
  'Directory.Build.props',
  'Directory.Build.targets',
  'Directory.Packages.props',
  'Directory.Solution.props',
  'Directory.Solution.targets',
];
/** Properties whose values are paths (or `;`-lists of sources) restore reads or writes. */
const PATH_SETTINGS = [
  'RestoreSources',
  'RestoreAdditionalProjectSources',
  'RestorePackagesPath',
  'RestoreFallbackFolders',
  'RestoreAdditionalProjectFallbackFolders',
  'RestoreConfigFile',
  'NuGetLockFilePath',
  'RestoreOutputPath',
  'BaseIntermediateOutputPath',
  'MSBuildProjectExtensionsPath',
];
/** Properties that point outside the build context (SDKs, the toolset): imports through them are not the project's files. */
const TOOLSET =
  /^\$\((MSBuildExtensionsPath(32|64)?|MSBuildSDKsPath|MSBuildToolsPath|MSBuildBinPath|VSToolsPath|MSBuildFrameworkToolsPath\w*|NuGetPackageRoot|MSBuildUserExtensionsPath|CustomBeforeMicrosoftCommonTargets|CustomAfterMicrosoftCommonTargets)\)/i;

/** Whether a file is an MSBuild project file restore can import or reference. */
export function isProjectFile(path: string): boolean {
  return /\.(csproj|fsproj|vbproj|proj|props|targets)$/i.test(path);
}

/**
 * An MSBuild path made plain: `\` to `/`, `$(MSBuildThisFileDirectory)` and `$(MSBuildProjectDirectory)` to the
 * file's own folder; null when another property or a property function remains.
 */
export function msbuildPath(written: string): MsbuildPath {
  const path = written
    .trim()
    .replace(/\\/g, '/')
    .replace(/\$\((MSBuildThisFileDirectory|MSBuildProjectDirectory)\)\/?/gi, './');
  return /\$[([]|@\(|%\(/.test(path) ? null : posix.normalize(path);
}

/** The paths a `;`-separated list names, remote sources (`https://`) left out. */
function localPaths(written: string): Array<{ path: MsbuildPath; written: string }> {
  return written
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part && !isRemote(part))
    .map((part) => ({ path: msbuildPath(part.replace(/^file:\/\//i, '')), written: part }));
}

/** Read an MSBuild project file (a project, `.props` or `.targets`) for what restore reads. */
export function readProjectFile(file: string, text: string): ProjectFacts {
  const facts: ProjectFacts = { references: [], imports: [], settings: [], existence: [] };
  let project: XmlElement;
  try {
    project = readXml(text);
  } catch (error) {
    return { ...facts, problem: `layerfix cannot read ${file} as XML (${(error as Error).message})` };
  }
  const io = /\[System\.IO\.(File|Directory|FileInfo|DirectoryInfo)\]::\s*\w+/i.exec(text)?.[0];
  const above = [
    ...text.matchAll(/\[MSBuild\]::(GetPathOfFileAbove|GetDirectoryNameOfFileAbove)\(((?:[^()]|\([^()]*\))*)\)/gi),
  ].find((call) => !DIRECTORY_FILES.includes(fileAboveName(call[1], call[2])));
  const reader = io ?? (above ? `[MSBuild]::${above[1]}(…'${fileAboveName(above[1], above[2])}')` : undefined);
  if (reader)
    return {
      ...facts,
      problem: `${file} evaluates \`${reader}\`, a property function that looks at files restore would not otherwise read`,
    };
  for (const element of walk(project)) {
    const name = element.name;
    const condition = element.attributes.Condition ?? '';
    for (const exists of condition.matchAll(/Exists\(\s*'([^']*)'\s*\)/gi)) {
      if (!TOOLSET.test(exists[1]) && !/GetPathOfFileAbove|GetDirectoryNameOfFileAbove/i.test(exists[1]))
        facts.existence.push({ path: msbuildPath(exists[1]), written: exists[1] });
    }
    if (name === 'ProjectReference' && element.attributes.Include !== undefined) {
      for (const part of element.attributes.Include.split(';')
        .map((p) => p.trim())
        .filter(Boolean)) {
        if (/[*?]/.test(part))
          return {
            ...facts,
            problem: `${file} references projects with the wildcard \`${part}\`, which matches folders of the sources`,
          };
        facts.references.push(msbuildPath(part));
      }
    } else if (name === 'Import' && element.attributes.Project !== undefined) {
      const written = element.attributes.Project;
      if (TOOLSET.test(written.trim())) continue;
      if (/GetPathOfFileAbove|GetDirectoryNameOfFileAbove/i.test(written)) {
        const above = /\(\s*'?([\w.]+)'?/.exec(written.slice(written.search(/FileAbove/i)))?.[1];
        if (above && DIRECTORY_FILES.includes(above)) continue;
      }
      if (/[*?]/.test(written))
        return {
          ...facts,
          problem: `${file} imports \`${written}\` with a wildcard, which may match files of the sources`,
        };
      facts.imports.push({ path: msbuildPath(written), written });
    } else if (name === 'Target') {
      const hooks = ['BeforeTargets', 'AfterTargets', 'DependsOnTargets']
        .map((key) => element.attributes[key] ?? '')
        .join(';');
      if (
        /restore|CollectPackageReferences|_GenerateDotnetCliToolReferenceSpecs|GenerateRestoreGraphFile/i.test(
          `${hooks};${element.attributes.Name ?? ''}`,
        )
      ) {
        return {
          ...facts,
          problem: `${file} has the target ${element.attributes.Name ?? '?'}, which runs with restore and may read any file`,
        };
      }
    } else if (PATH_SETTINGS.includes(name)) {
      for (const { path, written } of localPaths(element.text)) facts.settings.push({ name, path, written });
    }
  }
  return facts;
}

/** The file name a `GetPathOfFileAbove('name', ...)` or `GetDirectoryNameOfFileAbove(dir, 'name')` call looks for ('' when not literal). */
function fileAboveName(fn: string, args: string): string {
  const quoted = [...args.matchAll(/'([^']*)'/g)].map((match) => match[1]);
  return (/^GetPathOfFileAbove$/i.test(fn) ? quoted[0] : quoted.at(-1)) ?? '';
}

/** Every element below `element`, depth first. */
function* walk(element: XmlElement): Generator<XmlElement> {
  for (const child of element.children) {
    yield child;
    yield* walk(child);
  }
}

/** The project paths a solution lists (`.sln` text or `.slnx` XML), relative to its folder; a string when it cannot be read. */
export function solutionProjects(file: string, text: string): MsbuildPath[] | string {
  if (file.toLowerCase().endsWith('.slnx')) {
    try {
      return elementsNamed(readXml(text), 'Project', true).map((project) => msbuildPath(project.attributes.Path ?? ''));
    } catch (error) {
      return `layerfix cannot read ${file} as XML (${(error as Error).message})`;
    }
  }
  const out: MsbuildPath[] = [];
  for (const line of text.matchAll(/^\s*Project\("\{[^}]*\}"\)\s*=\s*"[^"]*"\s*,\s*"([^"]*)"/gm)) {
    if (isProjectFile(line[1])) out.push(msbuildPath(line[1]));
  }
  return out;
}

/** The local folders and files a NuGet.config names (package sources, the packages folder, fallback folders); a string when it cannot be read. */
export function nugetConfigPaths(
  file: string,
  text: string,
): Array<{ key: string; path: MsbuildPath; written: string }> | string {
  let config: XmlElement;
  try {
    config = readXml(text);
  } catch (error) {
    return `layerfix cannot read ${file} as XML (${(error as Error).message})`;
  }
  const out: Array<{ key: string; path: MsbuildPath; written: string }> = [];
  for (const section of ['packageSources', 'fallbackPackageFolders', 'config']) {
    for (const list of elementsNamed(config, section, true)) {
      for (const add of elementsNamed(list, 'add')) {
        const key = add.attributes.key ?? '';
        const value = add.attributes.value ?? '';
        if (section === 'config' && !/^(globalPackagesFolder|repositoryPath)$/i.test(key)) continue;
        if (isRemote(value)) continue;
        out.push({
          key: `${section}/${key}`,
          path: /%[^%]+%/.test(value) ? null : msbuildPath(value.replace(/^file:\/\//i, '')),
          written: value,
        });
      }
    }
  }
  return out;
}
