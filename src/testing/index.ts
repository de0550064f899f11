/**
 * `layerfix/testing`: the fixture harness and the inline tester for transforms, under any test runner.
 */
export { runFixtures, type RunFixturesOptions } from './run-fixtures.js';
export {
  testTransform,
  inlineCases,
  type TransformCases,
  type ValidCase,
  type InvalidCase,
  type TestTransformOptions,
} from './inline.js';
export { checkCase, type TransformCase } from './check.js';
export { checkFixture, fixtureContext, loadFixtures, type Fixture } from './fixtures.js';
export { applyTransform, formatMessages } from './apply.js';
export type { TestFunction } from './runner.js';
