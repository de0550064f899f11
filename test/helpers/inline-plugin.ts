/**
 * A small plugin transform for the testing kit's own tests: `FROM image` without a tag gets `:latest` written out
 * (a change the build already makes, so it is declared as the same line plus the tag), and `scratch` is skipped.
 */
import { defineTransform } from '../../src/engine/define.js';

/** Writes out the implicit `:latest` tag of FROM images, as an example plugin. */
export const explicitLatest = defineTransform({
  name: 'explicit-latest',
  description: 'Write the implicit :latest tag of FROM images out.',
  url: 'test',
  defaultEnabled: true,
  meaning: 'declared',
  options: {
    tag: { type: 'string', default: 'latest', description: 'The tag to write.' },
  },
  run(context) {
    for (const view of context.instructions()) {
      if (view.name !== 'from' || !view.from || !context.enabledFor(view.node)) continue;
      const image = view.from.image;
      if (image === 'scratch') {
        context.skipped('scratch has no tag', view.node);
        continue;
      }
      if (image.includes(':') || image.includes('@') || !view.args.startsWith(image)) continue;
      const end = view.argsStart + image.length;
      context.changed(
        `Tagged ${image}`,
        context.edit.editLogical(view.node, [{ start: end, end, text: `:${context.options.tag}` }]),
      );
    }
  },
});

/** Inline cases for `explicitLatest`: valid ones stay, invalid ones change. */
export const explicitLatestCases = {
  valid: [
    'FROM alpine:3.20\n',
    { name: 'scratch is skipped', input: 'FROM scratch\n', messages: ['1:1 skip: scratch has no tag'] },
  ],
  invalid: [
    {
      input: 'FROM alpine\nRUN echo hi\n',
      output: 'FROM alpine:latest\nRUN echo hi\n',
      messages: ['1:1 change: Tagged alpine'],
    },
    {
      name: 'the tag option',
      input: 'from debian as build\n',
      output: 'from debian:12 as build\n',
      options: { tag: '12' },
    },
  ],
};
