/**
 * The registry of built-in transforms, in the order they run.
 */
import type { AnyTransform } from '../src/engine/index.js';
import addToCopy from './add-to-copy.js';
import { buildkitChecks } from './checks/index.js';
import apkNoCache from './apk-no-cache.js';
import copyChown from './copy-chown.js';
import aptGetHygiene from './apt-get-hygiene.js';
import dnfClean from './dnf-clean.js';
import execForm from './exec-form.js';
import format from './format.js';
import mergeRuns from './merge-runs.js';
import pipNoCacheDir from './pip-no-cache-dir.js';
import reorderStable from './reorder-stable.js';
import splitManifestCopy from './split-manifest-copy.js';
import sortPackages from './sort-packages.js';
import wgetProgress from './wget-progress.js';
import yarnCacheClean from './yarn-cache-clean.js';

/**
 * The built-in transforms in their stable run order: BuildKit's checks first (their fixes change single words and
 * keywords, so the transforms after them read the fixed file, and a pass after one of their fixes reruns only them),
 * then moves (so merges do not glue a stable RUN to one that must stay), then merges, then layout, then the opt-in
 * hygiene transforms.
 */
export const builtinTransforms: AnyTransform[] = [
  ...buildkitChecks,
  reorderStable,
  splitManifestCopy,
  copyChown,
  mergeRuns,
  format,
  aptGetHygiene,
  apkNoCache,
  dnfClean,
  pipNoCacheDir,
  sortPackages,
  addToCopy,
  execForm,
  wgetProgress,
  yarnCacheClean,
];
