/**
 * Maven and Gradle. Maven's dependency-resolving goals (`dependency:go-offline`, `dependency:resolve`, ...) need every
 * module's `pom.xml`, `.mvn/` and the wrapper; Gradle's `dependencies` task needs the settings and build scripts of
 * every included project, `gradle.properties`, `gradle/` (wrapper, version catalogs), `buildSrc/` and the files the
 * scripts name literally. Other goals and tasks compile the sources and stop the split.
 */
import { posix } from 'node:path';
import { decline, enclosingRoot, firstIn, hasOption, install, missing, needsSources, optionValue, optionValues, outputsInContext, parseArgs, present, readProject } from './common.js';
import type { Ecosystem, InstallUse, Invocation, Manifests, ProjectFolder, Verdict } from './types.js';

const MAVEN_VALUES = ['-f', '--file', '-s', '--settings', '-gs', '--global-settings', '-t', '--toolchains', '-P', '--activate-profiles', '-pl', '--projects', '-T', '--threads', '-l', '--log-file', '-D', '--define', '-rf', '--resume-from', '-b', '--builder'];
const MAVEN_GOALS = /^((org\.apache\.maven\.plugins:)?maven-dependency-plugin(:[\w.-]+)?|dependency):(go-offline|resolve|resolve-plugins|resolve-sources|sources|tree|list)$|^de\.qaware\.maven:go-offline-maven-plugin(:[\w.-]+)?:resolve-dependencies$|^help:(evaluate|effective-pom)$/;
const GRADLE_VALUES = ['-p', '--project-dir', '-b', '--build-file', '-c', '--settings-file', '-g', '--gradle-user-home', '-x', '--exclude-task', '-D', '--system-prop', '-P', '--project-prop', '-I', '--init-script', '--console', '--warning-mode', '--max-workers', '--priority', '--include-build', '-M', '--write-verification-metadata', '--dependency-verification', '-F'];
const GRADLE_TASKS = /^(:?[\w.-]+:)*(dependencies|androidDependencies|buildEnvironment|help|projects|properties)$/;

function readMaven(invocation: Invocation): Verdict {
  const parsed = parseArgs(invocation.args, MAVEN_VALUES);
  const goals = parsed.positionals;
  if (!goals.length) return hasOption(parsed, '-v', '--version') ? { kind: 'harmless' } : needsSources(invocation.text);
  const other = goals.find((goal) => goal === null || !MAVEN_GOALS.test(goal));
  if (other !== undefined) return decline(`also runs the Maven goal \`${other ?? '…'}\`, which needs more than the manifests`, goals.some((goal) => goal !== null && MAVEN_GOALS.test(goal)));
  const file = optionValue(parsed, '-f', '--file');
  if (file === null) return decline('runs Maven on a POM only known at build time');
  const pom = file === undefined || !file.endsWith('.xml') ? 'pom.xml' : posix.basename(file);
  const project = file === undefined ? '.' : file.endsWith('.xml') ? posix.dirname(file) : file;
  const settings = optionValues(parsed, '-s', '--settings', '-gs', '--global-settings', '-t', '--toolchains');
  if (settings.includes(null)) return decline('runs Maven with a settings file only known at build time');
  const named = (settings as string[]).filter((path) => !path.startsWith('/') && !path.startsWith('~'));
  const auxiliary = goals.every((goal) => goal !== null && /:(tree|list|evaluate|effective-pom)$/.test(goal));
  return install('maven', project, [`pom:${pom}`, ...(auxiliary ? ['auxiliary'] : [])], named);
}

function readGradle(invocation: Invocation): Verdict {
  const parsed = parseArgs(invocation.args, GRADLE_VALUES);
  if (hasOption(parsed, '-b', '--build-file', '-c', '--settings-file', '--include-build')) return decline('runs Gradle with a build or settings file of its own, which layerfix does not follow');
  const tasks = parsed.positionals;
  if (!tasks.length && hasOption(parsed, '-v', '--version')) return { kind: 'harmless' };
  const other = tasks.find((task) => task === null || !GRADLE_TASKS.test(task));
  if (other !== undefined) return decline(`also runs the Gradle task \`${other ?? '…'}\`, which needs more than the manifests`, tasks.some((task) => task !== null && GRADLE_TASKS.test(task)));
  const dir = optionValue(parsed, '-p', '--project-dir');
  const scripts = optionValues(parsed, '-I', '--init-script');
  if (scripts.includes(null)) return decline('runs Gradle with an init script only known at build time');
  const named = (scripts as string[]).filter((path) => !path.startsWith('/'));
  const auxiliary = !tasks.some((task) => task !== null && /(^|:)(dependencies|androidDependencies)$/.test(task));
  return install('gradle', dir, auxiliary ? ['auxiliary'] : [], named);
}

/** Wrapper files in the command's working directory (`./mvnw -f backend/pom.xml`), when the copy brings them. */
function wrapperFiles(project: ProjectFolder, names: string[]): string[] {
  return names.map((name) => project.locate(name)).filter((path): path is string => path !== undefined && project.context.has(path));
}

/** The modules a POM lists, comments removed. */
function pomModules(text: string): string[] {
  const clean = text.replace(/<!--[\s\S]*?-->/g, '');
  return [...clean.matchAll(/<module>\s*([^<]+?)\s*<\/module>/g)].map((match) => match[1]);
}

function mavenManifests(project: ProjectFolder, use: InstallUse): Manifests {
  const pom = [...use.options].find((option) => option.startsWith('pom:'))?.slice(4) ?? 'pom.xml';
  const text = readProject(project, pom);
  if (text === undefined) return missing(project, [pom]);
  const parent = /<parent>(?![\s\S]*<relativePath\s*\/>)[\s\S]*?<\/parent>/.test(text.replace(/<!--[\s\S]*?-->/g, ''));
  const enclosing = parent ? enclosingRoot(project, 'maven', (up) => (up === '..' ? firstIn(project, up, ['pom.xml']) : undefined)) : undefined;
  if (enclosing) return { decline: enclosing };
  const files = present(project, [pom, '.mvn', 'mvnw']);
  for (let up = '..'; !files.some((file) => file.endsWith('.mvn')) && project.path(up) !== undefined; up = `${up}/..`) {
    files.push(...present(project, [`${up}/.mvn`]));
  }
  files.push(...wrapperFiles(project, ['mvnw']));
  const queue = [pom];
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const module = readProject(project, file);
    if (module === undefined) return { decline: `a POM lists the module ${posix.dirname(file)}, whose ${posix.basename(file)} is not in what the COPY brings` };
    files.push(...present(project, [file]));
    if (/<systemPath>|<url>\s*file:/.test(module)) return { decline: `${file} uses a system-scoped jar or a file: repository, which needs more than the manifests` };
    for (const name of pomModules(module)) {
      const path = posix.join(posix.dirname(file), name);
      queue.push(path.endsWith('.xml') ? path : posix.join(path, 'pom.xml'));
    }
  }
  for (const name of use.named) {
    const path = project.locate(name);
    if (path === undefined || !project.context.isFile(path)) return { decline: `the Maven settings file \`${name}\` is not in what the COPY brings` };
    files.push(path);
  }
  return { files: [...new Set(files)] };
}

/** The project folders a Gradle settings script includes, or why it cannot be followed. */
function gradleProjects(settings: string): string[] | string {
  const code = settings.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  if (/\bincludeBuild\b/.test(code)) return 'the Gradle settings include another build with includeBuild, whose sources Gradle compiles';
  if (/\.projectDir\b/.test(code)) return 'the Gradle settings move a project with projectDir, which layerfix does not follow';
  const out: string[] = [];
  for (const call of code.matchAll(/\binclude\s*(\(([^)]*)\)|((?:\s*["'][^"'\n]+["']\s*,?)+))/g)) {
    const list = call[2] ?? call[3] ?? '';
    for (const name of list.matchAll(/["']([^"']+)["']/g)) out.push(name[1].replace(/^:/, '').replace(/:/g, '/'));
  }
  return out;
}

/** Files a build script names literally (`apply from: 'x.gradle'`, `file("VERSION")`), relative to its folder. */
function scriptFiles(script: string): string[] {
  const out: string[] = [];
  for (const match of script.matchAll(/\bapply\s*\(?\s*from\s*[:=]\s*["']([^"'$]+)["']/g)) out.push(match[1]);
  for (const match of script.matchAll(/\b(?:project\.|rootProject\.)?files?\s*\(\s*["']([^"'$]+)["']\s*\)/g)) out.push(match[1]);
  return out;
}

function gradleManifests(project: ProjectFolder, use: InstallUse): Manifests {
  const settingsName = ['settings.gradle.kts', 'settings.gradle'].find((name) => readProject(project, name) !== undefined);
  const rootBuild = ['build.gradle.kts', 'build.gradle'].find((name) => readProject(project, name) !== undefined);
  if (!settingsName && !rootBuild) return missing(project, ['settings.gradle', 'settings.gradle.kts', 'build.gradle', 'build.gradle.kts']);
  const enclosing = settingsName ? undefined : enclosingRoot(project, 'gradle', (up) => firstIn(project, up, ['settings.gradle.kts', 'settings.gradle']));
  if (enclosing) return { decline: enclosing };
  const projects = settingsName ? gradleProjects(readProject(project, settingsName)!) : [];
  if (typeof projects === 'string') return { decline: projects };
  const files = present(project, ['settings.gradle', 'settings.gradle.kts', 'build.gradle', 'build.gradle.kts', 'gradle.properties', 'gradle', 'gradlew', 'buildSrc']);
  files.push(...wrapperFiles(project, ['gradlew', 'gradle/wrapper']));
  for (const folder of projects) files.push(...present(project, [`${folder}/build.gradle.kts`, `${folder}/build.gradle`, `${folder}/gradle.properties`]));
  const scripts = ['.', ...projects].flatMap((folder) => ['build.gradle.kts', 'build.gradle'].map((name) => posix.join(folder, name)));
  if (settingsName) scripts.push(settingsName);
  for (const script of scripts) {
    const text = readProject(project, script);
    if (text === undefined) continue;
    for (const name of scriptFiles(text)) {
      const path = project.path(posix.join(posix.dirname(script), name));
      if (path !== undefined && project.context.isFile(path)) files.push(path);
    }
  }
  for (const name of use.named) {
    const path = project.locate(name);
    if (path === undefined || !project.context.isFile(path)) return { decline: `the Gradle init script \`${name}\` is not in what the COPY brings` };
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
