/**
 * `runFixtures`: one test per fixture case of a transform, under whichever test runner registers them.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnyTransform } from '../engine/index.js';
import { checkFixture, loadFixtures } from './fixtures.js';
import { testFunction, type TestFunction } from './runner.js';

/** How `runFixtures` registers and checks its cases. */
export interface RunFixturesOptions {
  /** The runner's test function (uvu's `test`, node:test's `test`, ...); default node:test's `test`. */
  test?: TestFunction;
  /** Write missing `output.Dockerfile` and `messages.txt` files (never overwrite); default: `UPDATE=1` in the environment. */
  update?: boolean;
}

/**
 * Register one test per case folder of `dir`: the transform's fixture folder (`__fixtures__/<name>`), or the
 * `__fixtures__` folder holding it. A path or a `file:` URL. Throws at once when there is no case to run.
 */
export function runFixtures(transform: AnyTransform, dir: string | URL, options: RunFixturesOptions = {}): void {
  let folder = typeof dir === 'string' ? dir : fileURLToPath(dir);
  const own = join(folder, transform.name);
  if (existsSync(own) && statSync(own).isDirectory() && !existsSync(join(own, 'input.Dockerfile'))) folder = own;
  if (!existsSync(folder)) throw new Error(`No fixture folder for transform "${transform.name}" at ${folder}`);
  const fixtures = loadFixtures(folder);
  if (fixtures.length === 0)
    throw new Error(
      `No fixture cases for transform "${transform.name}" in ${folder}; expected <case>/input.Dockerfile folders`,
    );
  const test = testFunction(options.test);
  const update = options.update ?? process.env.UPDATE === '1';
  for (const fixture of fixtures)
    test(`${transform.name}: ${fixture.name}`, () => checkFixture(transform, fixture, update));
}
