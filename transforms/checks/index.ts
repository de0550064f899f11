/**
 * BuildKit's build checks, one transform per rule, in the order of BuildKit's rule set. InvalidBaseImagePlatform has
 * none: it compares the platform of the image a registry serves with the one asked for, which a file does not show.
 */
import type { AnyTransform } from '../../src/engine/index.js';
import stageNameCasing from './stage-name-casing.js';
import fromAsCasing from './from-as-casing.js';
import noEmptyContinuation from './no-empty-continuation.js';
import consistentInstructionCasing from './consistent-instruction-casing.js';
import duplicateStageName from './duplicate-stage-name.js';
import reservedStageName from './reserved-stage-name.js';
import jsonArgsRecommended from './json-args-recommended.js';
import maintainerDeprecated from './maintainer-deprecated.js';
import undefinedArgInFrom from './undefined-arg-in-from.js';
import workdirRelativePath from './workdir-relative-path.js';
import undefinedVar from './undefined-var.js';
import multipleInstructionsDisallowed from './multiple-instructions-disallowed.js';
import legacyKeyValueFormat from './legacy-key-value-format.js';
import redundantTargetPlatform from './redundant-target-platform.js';
import secretsUsedInArgOrEnv from './secrets-used-in-arg-or-env.js';
import invalidDefaultArgInFrom from './invalid-default-arg-in-from.js';
import fromPlatformFlagConstDisallowed from './from-platform-flag-const-disallowed.js';
import copyIgnoredFile from './copy-ignored-file.js';
import invalidDefinitionDescription from './invalid-definition-description.js';
import exposeProtoCasing from './expose-proto-casing.js';
import exposeInvalidFormat from './expose-invalid-format.js';

/** The check transforms, on by default (the experimental rule reports only where a file opts in). */
export const buildkitChecks: AnyTransform[] = [
  stageNameCasing,
  fromAsCasing,
  noEmptyContinuation,
  consistentInstructionCasing,
  duplicateStageName,
  reservedStageName,
  jsonArgsRecommended,
  maintainerDeprecated,
  undefinedArgInFrom,
  workdirRelativePath,
  undefinedVar,
  multipleInstructionsDisallowed,
  legacyKeyValueFormat,
  redundantTargetPlatform,
  secretsUsedInArgOrEnv,
  invalidDefaultArgInFrom,
  fromPlatformFlagConstDisallowed,
  copyIgnoredFile,
  invalidDefinitionDescription,
  exposeProtoCasing,
  exposeInvalidFormat,
];
