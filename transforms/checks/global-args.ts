/**
 * The build arguments a `FROM` line sees: those BuildKit predefines (`TARGETPLATFORM`, ...) and the ARGs declared
 * before the first FROM, with the values BuildKit gives them (a build argument passed wins over a default).
 */
import { instructionView, type Root } from '../../src/engine/index.js';
import { PREDEFINED_ARGS } from './images.js';
import { memoizeByBuild } from './support.js';
import { expandWord, type Variables } from './words.js';

/** The global build arguments of a file. */
export interface GlobalArgs {
  /** Every name a FROM may use: the ARGs declared before the first FROM (with or without a value), then the predefined ones. */
  names: readonly string[];
  /** The values in effect for the build (build arguments passed win over defaults); undefined: a value layerfix cannot evaluate. */
  values: Variables;
  /** The values from the defaults alone (no build argument but the predefined ones); undefined when one cannot be evaluated. */
  defaults: Variables | undefined;
}

/** The global build arguments of `root` for a build passing `args`. */
export const globalArgs = memoizeByBuild('layerfix.checks.global-args', (root: Root, args): GlobalArgs => {
  const predefined = new Map<string, string | undefined>(PREDEFINED_ARGS);
  for (const name of PREDEFINED_ARGS.keys()) if (name in args) predefined.set(name, args[name]);
  const names: string[] = [];
  const values = new Map(predefined);
  let defaults: Map<string, string | undefined> | undefined = new Map(predefined);
  for (const node of root.children) {
    if (node.type !== 'instruction') continue;
    const view = instructionView(node, root.data.escape);
    if (view.name === 'from') break;
    if (view.name !== 'arg') continue;
    for (const pair of view.pairs ?? []) {
      if (!names.includes(pair.key)) names.push(pair.key);
      if (pair.key in args) values.set(pair.key, args[pair.key]);
      else if (pair.value !== undefined) values.set(pair.key, expandWord(pair.value, values, root.data.escape).value);
      if (defaults && pair.value !== undefined) {
        const value = expandWord(pair.value, defaults, root.data.escape).value;
        if (value === undefined) defaults = undefined;
        else defaults.set(pair.key, value);
      }
    }
  }
  return { names: [...names, ...PREDEFINED_ARGS.keys()], values, defaults };
});
