/**
 * The shared analyses transforms decide on, exported for plugins as `layerfix/analysis`: the shell in effect and the
 * state a RUN leaves, paths and working directories, whether a RUN leaves copied files alone, package-manager
 * commands, dependency installs and their manifests, and the build context. Each answers with a fact, or with a
 * reason why it cannot tell.
 */
export { shellsInEffect, shellFacts, isWindowsImage, type ShellInEffect, type ShellFacts } from './shells.js';
export { aptGetDeletesDownloads, imageOs, imageWorkdir, type ImageOs } from './base-images.js';
export {
  referencedStage,
  stageBases,
  stageFamilyAfter,
  stageLineage,
  stageReferences,
  type StageBase,
} from './stage-bases.js';
export { changesFiles, runEffects, runScopeOf, type RunEffects, type RunScope } from './run-effects.js';
export { freshMount, ownCommandLine, sameShellHazard, shellStartChange, type SameShellInput } from './same-shell.js';
export { placeOf, overlaps, holds, aliases, isUnder, PLAIN_PATH, type Place } from './places.js';
export { commandFileEffects, SYSTEM_FOLDERS, type FileEffects, type Link } from './command-effects/index.js';
export { leaksState, sameShellSetup, chainFacts, type ChainFacts } from './shell-state.js';
export { pathScopes, expandPath, pairValue, showPath, IMAGE_WORKDIR, type PathScope } from './path-scopes.js';
export { workdirMoveProblem, implicitWorkdirUse, type WorkdirMove } from './workdir-move.js';
export {
  madeFolders,
  runStability,
  throughLinks,
  type MayLink,
  type Stability,
  type StabilityScope,
} from './stability.js';
export {
  packageCommands,
  packageCommand,
  unwrapCommand,
  subcommandOf,
  hasOption,
  removesPath,
  cacheMountTargets,
  cacheMountOver,
  networkNone,
  type PackageCommand,
  type PackageFamily,
} from './packages.js';
export { editableRun, editableRuns, appendBlocker, appendEdit, type EditableRun, type RunToEdit } from './run-edits.js';
export { configLocations, INSTALLERS, readCommand, type Ecosystem, type InstallUse } from './ecosystems/index.js';
export { configWrite } from './config-writes.js';
export {
  readExecRun,
  readShellRun,
  type InstallStep,
  type RunReading,
  type RunStart,
  type InstallerFilter,
} from './install-run.js';
export {
  openBuildContext,
  cleanPath,
  contextSources,
  bindSources,
  missingSource,
  BuildContext,
  type ContextLookup,
  transformBuildContext,
  CONTEXT_OPTION,
  GIT_CONTEXT,
} from './build-context.js';
export { DockerIgnore, parseDockerignore } from './dockerignore.js';
export { GitCheckout, gitCheckout, readRuleFiles } from './git-checkout.js';
export { copyWords } from './copy-words.js';
export { copiedNames } from './copied-names.js';
export { copiedBefore } from './copied-before.js';
export { readBroadCopy, type BroadCopy } from './broad-copy.js';
export { manifestsOf } from './project-manifests.js';
export { manifestCopies, type ManifestCopy } from './manifest-copy.js';
export { carriedState, commandsAfter, cutHazard, cutPoints, cutRun, restText, type RunCut } from './run-cut.js';
export {
  contextCopies,
  contextStages,
  copiesFromContextStage,
  copiesWholeContext,
  layerClass,
  rerunsOnEveryEdit,
  shippedStages,
  type ContextCopy,
  type LayerClass,
} from './layer-plan.js';
