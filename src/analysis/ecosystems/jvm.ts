/**
 * Maven and Gradle. Maven's dependency-resolving goals (`dependency:go-offline`, `dependency:resolve`, ...) need every
 * module's `pom.xml`, `.mvn/` and the wrapper; Gradle's `dependencies` task needs the settings and build scripts of
 * every included project, `gradle.properties`, `gradle/` (wrapper, version catalogs), `buildSrc/` and the files the
 * scripts name literally. Other goals and tasks compile the sources and stop the split.
 */
import { posix } from 'node:path';
import {
  decline,
  enclosingRoot,
  environmentReads,
  firstIn,
  foldersUp,
  gitInCopy,
  hasOption,
  install,
  missing,
  needsSources,
  optionValue,
  optionValues,
  outputsInContext,
  parseArgs,
  present,
  readProject,
} from './common.js';
import { elementsNamed, readXml, type XmlElement } from '../xml-files.js';
import type { Ecosystem, ExtraRead, InstallUse, Invocation, Manifests, ProjectFolder, Verdict } from './types.js';

const MAVEN_VALUES = [
  '-f',
  '--file',
  '-s',
  '--settings',
  '-gs',
  '--global-settings',
  '-t',
  '--toolchains',
  '-P',
  '--activate-profiles',
  '-pl',
  '--projects',
  '-T',
  '--threads',
  '-l',
  '--log-file',
  '-D',
  '--define',
  '-rf',
  '--resume-from',
  '-b',
  '--builder',
];
const MAVEN_GOALS =
  /^((org\.apache\.maven\.plugins:)?maven-dependency-plugin(:[\w.-]+)?|dependency):(go-offline|resolve|resolve-plugins|resolve-sources|sources|tree|list)$|^de\.qaware\.maven:go-offline-maven-plugin(:[\w.-]+)?:resolve-dependencies$|^help:(evaluate|effective-pom)$/;
const GRADLE_VALUES = [
  '-p',
  '--project-dir',
  '-b',
  '--build-file',
  '-c',
  '--settings-file',
  '-g',
  '--gradle-user-home',
  '-x',
  '--exclude-task',
  '-D',
  '--system-prop',
  '-P',
  '--project-prop',
  '-I',
  '--init-script',
  '--console',
  '--warning-mode',
  '--max-workers',
  '--priority',
  '--include-build',
  '-M',
  '--write-verification-metadata',
  '--dependency-verification',
  '-F',
];
const GRADLE_TASKS = /^(:?[\w.-]+:)*(dependencies|androidDependencies|buildEnvironment|help|projects|properties)$/;

function readMaven(invocation: Invocation): Verdict {
  // Maven 3.9 and later read MAVEN_ARGS as arguments before the command line's.
  const extra = invocation.env.get('MAVEN_ARGS');
  if (invocation.env.has('MAVEN_ARGS') && extra === undefined)
    return decline('runs Maven with MAVEN_ARGS set to a value layerfix cannot read', true);
  const parsed = parseArgs([...(extra ?? '').split(/\s+/).filter(Boolean), ...invocation.args], MAVEN_VALUES);
  const goals = parsed.positionals;
  if (!goals.length) return hasOption(parsed, '-v', '--version') ? { kind: 'harmless' } : needsSources(invocation.text);
  const other = goals.find((goal) => goal === null || !MAVEN_GOALS.test(goal));
  if (other !== undefined)
    return decline(
      `also runs the Maven goal \`${other ?? '…'}\`, which needs more than the manifests`,
      goals.some((goal) => goal !== null && MAVEN_GOALS.test(goal)),
    );
  const file = optionValue(parsed, '-f', '--file');
  if (file === null) return decline('runs Maven on a POM only known at build time');
  const pom = file === undefined || !file.endsWith('.xml') ? 'pom.xml' : posix.basename(file);
  const project = file === undefined ? '.' : file.endsWith('.xml') ? posix.dirname(file) : file;
  const settings = optionValues(parsed, '-s', '--settings', '-gs', '--global-settings', '-t', '--toolchains');
  if (settings.includes(null)) return decline('runs Maven with a settings file only known at build time');
  const named = (settings as string[]).filter((path) => !path.startsWith('/') && !path.startsWith('~'));
  const auxiliary = goals.every((goal) => goal !== null && /:(tree|list|evaluate|effective-pom)$/.test(goal));
  const repository = /-Dmaven\.repo\.local=(\S+)/.exec(invocation.env.get('MAVEN_OPTS') ?? '')?.[1];
  return install('maven', project, [`pom:${pom}`, ...(auxiliary ? ['auxiliary'] : [])], named, [
    ...(repository ? [{ path: repository, why: 'MAVEN_OPTS (-Dmaven.repo.local) makes maven use' }] : []),
    ...absoluteReads(settings as string[], 'a settings option makes maven read'),
  ]);
}

function readGradle(invocation: Invocation): Verdict {
  const parsed = parseArgs(invocation.args, GRADLE_VALUES);
  if (hasOption(parsed, '-b', '--build-file', '-c', '--settings-file', '--include-build'))
    return decline('runs Gradle with a build or settings file of its own, which layerfix does not follow');
  const tasks = parsed.positionals;
  if (!tasks.length && hasOption(parsed, '-v', '--version')) return { kind: 'harmless' };
  const other = tasks.find((task) => task === null || !GRADLE_TASKS.test(task));
  if (other !== undefined)
    return decline(
      `also runs the Gradle task \`${other ?? '…'}\`, which needs more than the manifests`,
      tasks.some((task) => task !== null && GRADLE_TASKS.test(task)),
    );
  const dir = optionValue(parsed, '-p', '--project-dir');
  const scripts = optionValues(parsed, '-I', '--init-script');
  if (scripts.includes(null)) return decline('runs Gradle with an init script only known at build time');
  const named = (scripts as string[]).filter((path) => !path.startsWith('/'));
  const auxiliary = !tasks.some((task) => task !== null && /(^|:)(dependencies|androidDependencies)$/.test(task));
  return install('gradle', dir, auxiliary ? ['auxiliary'] : [], named, [
    ...environmentReads(invocation.env, ['GRADLE_USER_HOME'], 'gradle'),
    ...absoluteReads(scripts as string[], '`--init-script` makes gradle read'),
  ]);
}

/** The absolute paths among a tool's file options, as reads: the copy may bring them, where the split would not. */
function absoluteReads(paths: readonly string[], why: string): ExtraRead[] {
  return paths.filter((path) => path.startsWith('/')).map((path) => ({ path, why }));
}

/** Wrapper files in the command's working directory (`./mvnw -f backend/pom.xml`), when the copy brings them. */
function wrapperFiles(project: ProjectFolder, names: string[]): string[] {
  return names
    .map((name) => project.locate(name))
    .filter((path): path is string => path !== undefined && project.context.has(path));
}

/** What a POM says that decides which files Maven reads: its modules, its local parent, and why it needs more. */
interface PomFacts {
  modules: string[];
  /** The parent POM's path relative to the POM's folder (`../pom.xml` by default), or undefined for none to read. */
  parent?: string;
  problem?: string;
}

/** Read a POM with an XML parser: modules (of every profile too), the parent's relativePath, and file reads. */
function readPom(file: string, text: string): PomFacts {
  let pom: XmlElement;
  try {
    pom = readXml(text);
  } catch (error) {
    return { modules: [], problem: `layerfix cannot read ${file} as XML (${(error as Error).message})` };
  }
  const modules = elementsNamed(pom, 'modules', true).flatMap((list) =>
    elementsNamed(list, 'module').map((module) => module.text),
  );
  const variable = modules.find((module) => module.includes('${'));
  if (variable)
    return {
      modules,
      problem: `${file} lists the module \`${variable}\` through a property, which layerfix does not expand`,
    };
  if (elementsNamed(pom, 'systemPath', true).length)
    return { modules, problem: `${file} uses a system-scoped jar (systemPath), which needs more than the manifests` };
  const fileRepository = elementsNamed(pom, 'url', true).find((url) => /^file:/i.test(url.text));
  if (fileRepository)
    return {
      modules,
      problem: `${file} uses the file repository \`${fileRepository.text}\`, which needs more than the manifests`,
    };
  for (const profile of elementsNamed(pom, 'profile', true)) {
    const condition = elementsNamed(profile, 'activation')
      .flatMap((activation) => elementsNamed(activation, 'file'))
      .flatMap((found) => found.children)[0];
    if (condition) {
      const id = elementsNamed(profile, 'id')[0]?.text ?? '?';
      return {
        modules,
        problem: `${file} turns the profile ${id} on when \`${condition.text}\` ${condition.name === 'missing' ? 'is missing' : 'exists'}, and before the COPY that is not what it is in the sources`,
      };
    }
  }
  const parent = elementsNamed(pom, 'parent')[0];
  if (!parent) return { modules };
  const relative = elementsNamed(parent, 'relativePath')[0];
  if (!relative) return { modules, parent: '../pom.xml' };
  return relative.text
    ? { modules, parent: relative.text.endsWith('.xml') ? relative.text : posix.join(relative.text, 'pom.xml') }
    : { modules };
}

function mavenManifests(project: ProjectFolder, use: InstallUse): Manifests {
  const pom = [...use.options].find((option) => option.startsWith('pom:'))?.slice(4) ?? 'pom.xml';
  const text = readProject(project, pom);
  if (text === undefined) return missing(project, [pom]);
  const root = readPom(pom, text);
  const enclosing =
    root.parent === '../pom.xml'
      ? enclosingRoot(project, 'maven', (up) => (up === '..' ? firstIn(project, up, ['pom.xml']) : undefined))
      : undefined;
  if (enclosing) return { decline: enclosing };
  const files = present(project, [pom, '.mvn', 'mvnw']);
  // Maven looks for .mvn from the project upward; stop at the top of the copy (at /, `..` is / again).
  for (const up of foldersUp(project)) {
    if (files.some((file) => file.endsWith('.mvn'))) break;
    files.push(...present(project, [posix.join(up, '.mvn')]));
  }
  files.push(...wrapperFiles(project, ['mvnw']));
  const extensions = files
    .filter((file) => file.endsWith('.mvn'))
    .map((folder) => project.context.read(`${folder}/extensions.xml`) ?? '')
    .join('\n');
  const git =
    gitInCopy(project) && GIT_EXTENSIONS.find((name) => extensions.includes(`<artifactId>${name}</artifactId>`));
  if (git)
    return {
      decline: `.mvn/extensions.xml loads ${git}, which reads the git repository (${gitInCopy(project)}) on every Maven run, and before the COPY it is not there`,
    };
  const configured = mavenConfigProblem(
    project,
    files.filter((file) => file.endsWith('.mvn')),
  );
  if (configured) return { decline: configured };
  // Listed modules must be there; a parent found through relativePath is read when the copy brings it.
  const queue: Array<{ file: string; listed: boolean }> = [{ file: pom, listed: true }];
  const seen = new Set<string>();
  while (queue.length) {
    const { file, listed } = queue.shift()!;
    const path = project.path(file);
    if (path === undefined || seen.has(path)) continue;
    seen.add(path);
    const module = readProject(project, file);
    if (module === undefined) {
      if (!listed) continue;
      return {
        decline: `a POM lists the module ${posix.dirname(file)}, whose ${posix.basename(file)} is not in what the COPY brings`,
      };
    }
    files.push(path);
    const facts = readPom(path, module);
    if (facts.problem) return { decline: facts.problem };
    for (const name of facts.modules) {
      const at = posix.join(posix.dirname(file), name);
      queue.push({ file: at.endsWith('.xml') ? at : posix.join(at, 'pom.xml'), listed: true });
    }
    if (facts.parent !== undefined && (file !== pom || facts.parent !== '../pom.xml'))
      queue.push({ file: posix.join(posix.dirname(file), facts.parent), listed: false });
  }
  for (const name of use.named) {
    const path = project.locate(name);
    if (path === undefined || !project.context.isFile(path))
      return { decline: `the Maven settings file \`${name}\` is not in what the COPY brings` };
    files.push(path);
  }
  return { files: [...new Set(files)] };
}

/**
 * Options of `.mvn/maven.config` that name a file Maven reads (`-s x`, `--settings=x`, `-sx`), longest first; `-f`
 * only as a word of its own (`-fae`, `-ff` and `-fn` are other options).
 */
const CONFIG_FILE_OPTIONS = ['--global-settings', '--settings', '--toolchains', '--file', '-gs', '-s', '-t'];

/**
 * Why the options `.mvn/maven.config` adds to every Maven run (in a copied `.mvn` folder: `folders`) need more than
 * the manifests: a settings, toolchains or POM file outside that folder, or a local repository of its own.
 */
function mavenConfigProblem(project: ProjectFolder, folders: readonly string[]): string | undefined {
  for (const folder of folders) {
    const config = `${folder}/maven.config`;
    const words = project.context.read(config)?.split(/\s+/).filter(Boolean) ?? [];
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      if (word.startsWith('-Dmaven.repo.local'))
        return `${config} sets Maven's local repository (\`${word}\`), which layerfix does not follow`;
      const option = word === '-f' ? word : CONFIG_FILE_OPTIONS.find((name) => word.startsWith(name));
      if (!option) continue;
      const value = word === option ? words[++i] : word.slice(option.length).replace(/^=/, '');
      const path =
        value === undefined || value.startsWith('/') || value.startsWith('~') ? undefined : project.path(value);
      if (path === undefined || !path.startsWith(`${folder}/`))
        return `${config} gives Maven \`${word}${word === option ? ` ${value ?? ''}` : ''}\`, a file outside ${folder} that layerfix does not copy first`;
    }
  }
  return undefined;
}

/** The project folders a Gradle settings script includes, or why it cannot be followed. */
function gradleProjects(settings: string): string[] | string {
  const code = settings.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  if (/\bincludeBuild\b/.test(code))
    return 'the Gradle settings include another build with includeBuild, whose sources Gradle compiles';
  if (/\.projectDir\b/.test(code))
    return 'the Gradle settings move a project with projectDir, which layerfix does not follow';
  const walk = /\b(eachDir\w*|eachFile\w*|listFiles|fileTree|walk(TopDown|BottomUp)?|exists|isDirectory)\b\s*[({]/.exec(
    code,
  );
  if (walk)
    return `the Gradle settings look at folders on disk (\`${walk[0].trim()}\`) to decide what to include, and before the COPY only the manifests are there`;
  for (const call of code.matchAll(/\binclude\b\s*\(?([^\n)]*)/g)) {
    if (!/^\s*(["'][^"'$\n]+["']\s*,?\s*)+$/.test(call[1]))
      return `the Gradle settings include projects by a computed name (\`${call[0].trim()}\`), which layerfix does not follow`;
  }
  const out: string[] = [];
  for (const call of code.matchAll(/\binclude\s*(\(([^)]*)\)|((?:\s*["'][^"'\n]+["']\s*,?)+))/g)) {
    const list = call[2] ?? call[3] ?? '';
    for (const name of list.matchAll(/["']([^"']+)["']/g)) out.push(name[1].replace(/^:/, '').replace(/:/g, '/'));
  }
  return out;
}

/** Gradle plugins that read the git repository (.git) while the build is configured. */
const GIT_PLUGINS = [
  'com.palantir.git-version',
  'org.ajoberstar.grgit',
  'org.ajoberstar.reckon',
  'nebula.release',
  'com.netflix.nebula.release',
  'com.gorylenko.gradle-git-properties',
  'pl.allegro.tech.build.axion-release',
  'fr.brouillard.oss.gradle.jgitver',
  'net.nemerosa.versioning',
  'com.github.jmongard.git-semver-plugin',
  'me.qoomon.git-versioning',
];
/** Maven build extensions that read the git repository (.git) on every invocation. */
const GIT_EXTENSIONS = ['maven-git-versioning-extension', 'jgitver-maven-plugin', 'jgitver-maven-extension'];

/** File arguments of a build script: a call that reads a file (`file(...)`, `apply from:`, `new File(...)`, ...) and its argument. */
const FILE_CALL =
  /(\bapply\s*\(?\s*from\s*[:=]|\b(?:project\.|rootProject\.|layout\.\w+\.)?(?:files?|fileTree|File)\s*\(|\bnew\s+File\s*\(|\bproviders\.fileContents\s*\()\s*([^)\n]*)/g;

/**
 * The files a build script reads, relative to its folder, when it names each one literally (`apply from: 'x.gradle'`,
 * `file("VERSION")`); a reason when it computes a path (`file("$rootDir/config/versions.properties")`).
 */
function scriptFiles(script: string): string[] | string {
  const code = script.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
  const process = /\.execute\s*\(|\bexec\s*\{|\bproviders\.exec\b|\bProcessBuilder\b|\bRuntime\.getRuntime\(\)/.exec(
    code,
  );
  if (process)
    return `runs a command while Gradle configures the build (\`${process[0].trim()}\`), which may read any file`;
  const out: string[] = [];
  for (const call of code.matchAll(FILE_CALL)) {
    const literal = /^["']([^"'$]+)["']\s*\)?\s*$/.exec(call[2].trim());
    if (!literal) return `reads a file whose path it computes (\`${call[0].trim()}\`), which layerfix does not follow`;
    out.push(literal[1]);
  }
  return out;
}

function gradleManifests(project: ProjectFolder, use: InstallUse): Manifests {
  const settingsName = ['settings.gradle.kts', 'settings.gradle'].find(
    (name) => readProject(project, name) !== undefined,
  );
  const rootBuild = ['build.gradle.kts', 'build.gradle'].find((name) => readProject(project, name) !== undefined);
  if (!settingsName && !rootBuild)
    return missing(project, ['settings.gradle', 'settings.gradle.kts', 'build.gradle', 'build.gradle.kts']);
  const enclosing = settingsName
    ? undefined
    : enclosingRoot(project, 'gradle', (up) => firstIn(project, up, ['settings.gradle.kts', 'settings.gradle']));
  if (enclosing) return { decline: enclosing };
  const projects = settingsName ? gradleProjects(readProject(project, settingsName)!) : [];
  if (typeof projects === 'string') return { decline: projects };
  const files = present(project, [
    'settings.gradle',
    'settings.gradle.kts',
    'build.gradle',
    'build.gradle.kts',
    'gradle.properties',
    'gradle',
    'gradlew',
    'buildSrc',
  ]);
  files.push(...wrapperFiles(project, ['gradlew', 'gradle/wrapper']));
  for (const folder of projects)
    files.push(
      ...present(project, [`${folder}/build.gradle.kts`, `${folder}/build.gradle`, `${folder}/gradle.properties`]),
    );
  const scripts = ['.', ...projects].flatMap((folder) =>
    ['build.gradle.kts', 'build.gradle'].map((name) => posix.join(folder, name)),
  );
  if (settingsName) scripts.push(settingsName);
  for (const script of scripts) {
    const text = readProject(project, script);
    if (text === undefined) continue;
    const named = scriptFiles(text);
    if (typeof named === 'string') return { decline: `${posix.join(project.dir, script)} ${named}` };
    const git = gitInCopy(project) && GIT_PLUGINS.find((id) => text.includes(id));
    if (git)
      return {
        decline: `${posix.join(project.dir, script)} applies ${git}, which reads the git repository (${gitInCopy(project)}) while Gradle configures the build, and before the COPY it is not there`,
      };
    for (const name of named) {
      const path = project.path(posix.join(posix.dirname(script), name));
      if (path !== undefined && project.context.isFile(path)) files.push(path);
    }
  }
  for (const name of use.named) {
    const path = project.locate(name);
    if (path === undefined || !project.context.isFile(path))
      return { decline: `the Gradle init script \`${name}\` is not in what the COPY brings` };
    files.push(path);
  }
  const output = outputsInContext(project, [], ['.gradle', 'buildSrc/.gradle', 'buildSrc/build']);
  return output ? { decline: output } : { files: [...new Set(files)] };
}

/** Maven and Gradle. */
export const jvm: Ecosystem = {
  name: 'jvm',
  read(invocation) {
    if (invocation.name === 'mvn' || invocation.name === 'mvnw') return readMaven(invocation);
    if (invocation.name === 'gradle' || invocation.name === 'gradlew') return readGradle(invocation);
    return undefined;
  },
  manifests(project, use) {
    return use.ecosystem === 'maven' ? mavenManifests(project, use) : gradleManifests(project, use);
  },
};
