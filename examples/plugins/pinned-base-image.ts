/**
 * pinned-base-image: every FROM names its base image with a tag other than `latest`, or with a digest, so that a
 * rebuild starts from the same base. An unpinned image that has an entry in `pins` is rewritten to that reference;
 * any other is reported. `scratch`, earlier stages and images given through a variable are left alone.
 */
import { defineTransform, stages } from 'layerfix';

/** An image reference split into its parts: `registry:5000/team/app:1.2@sha256:...`. */
export interface ImageReference {
  /** Everything before the tag and digest: `registry:5000/team/app`. */
  name: string;
  tag?: string;
  digest?: string;
}

/** Split an image reference into name, tag and digest. */
export function parseReference(reference: string): ImageReference {
  const at = reference.indexOf('@');
  const digest = at >= 0 ? reference.slice(at + 1) : undefined;
  const rest = at >= 0 ? reference.slice(0, at) : reference;
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : undefined;
  return {
    name: tag === undefined ? rest : rest.slice(0, colon),
    ...(tag !== undefined ? { tag } : {}),
    ...(digest ? { digest } : {}),
  };
}

/** The `pins` option as a map from image name to pinned reference; throws for an entry that is not `image=reference`. */
function readPins(pins: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const pin of pins) {
    const eq = pin.indexOf('=');
    if (eq <= 0 || eq === pin.length - 1 || /\s/.test(pin))
      throw new Error(
        `pinned-base-image: invalid pin "${pin}", expected image=reference (e.g. node=node:20.11.1-alpine)`,
      );
    map.set(pin.slice(0, eq), pin.slice(eq + 1));
  }
  return map;
}

export default defineTransform({
  name: 'pinned-base-image',
  description:
    'Require a pinned tag or digest in FROM: rewrite an unpinned image to its configured pin, report the others.',
  url: 'examples/plugins/README.md#pinned-base-image',
  defaultEnabled: true,
  meaning: 'declared',
  options: {
    require: {
      type: 'enum',
      default: 'tag',
      values: ['tag', 'digest'],
      description: 'What counts as pinned: a tag other than latest (or a digest), or a digest only.',
    },
    pins: {
      type: 'string[]',
      default: [],
      description: 'References to write for unpinned images, as image=reference (e.g. node=node:20.11.1-alpine).',
    },
  },
  run(context) {
    const pins = readPins(context.options.pins);
    const wanted = context.options.require === 'digest' ? 'a digest' : 'a tag other than latest, or a digest';
    const earlierStages = new Set<string>();
    for (const stage of stages(context.root)) {
      const view = stage.from;
      const image = stage.base;
      const stageName = stage.name?.toLowerCase();
      const isStage = earlierStages.has(image.toLowerCase());
      if (stageName) earlierStages.add(stageName);
      if (!image || isStage || image.toLowerCase() === 'scratch' || !context.enabledFor(view.node)) continue;
      if (image.includes('$')) {
        context.skipped(
          `FROM ${image} names its image through a variable, so its pin cannot be checked here`,
          view.node,
        );
        continue;
      }
      const reference = parseReference(image);
      const pinned =
        context.options.require === 'digest'
          ? reference.digest !== undefined
          : reference.digest !== undefined || (reference.tag !== undefined && reference.tag !== 'latest');
      if (pinned) continue;
      const pin = pins.get(reference.name);
      if (pin === undefined || pin === image || !view.args.startsWith(image)) {
        const hint =
          pin === undefined
            ? `pin it, or add "${reference.name}=<reference>" to the pins option`
            : `its pin ${pin} is not ${wanted} either`;
        context.skipped(`FROM ${image} is not pinned to ${wanted}; ${hint}`, view.node);
        continue;
      }
      const node = context.edit.editLogical(view.node, [
        { start: view.argsStart, end: view.argsStart + image.length, text: pin },
      ]);
      context.changed({ done: `Pinned FROM ${image} to ${pin}`, planned: `Would pin FROM ${image} to ${pin}` }, node);
    }
  },
});
