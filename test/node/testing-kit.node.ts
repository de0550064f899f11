/**
 * The testing kit under node's own test runner (`node --test`), with no test function given: runFixtures and
 * testTransform fall back to node:test's `test`. Run by testing-kit.test.ts; not a uvu suite.
 */
import { join } from 'node:path';
import format from '../../transforms/format.js';
import { runFixtures, testTransform } from '../../src/testing/index.js';
import { PROJECT_ROOT } from '../helpers/corpus.js';
import { explicitLatest, explicitLatestCases } from '../helpers/inline-plugin.js';

runFixtures(format, join(PROJECT_ROOT, '__fixtures__'));
testTransform(explicitLatest, explicitLatestCases);
