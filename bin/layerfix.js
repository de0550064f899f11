#!/usr/bin/env node
// The layerfix command. `npm run build` compiles the CLI to dist/ (tsc) and bundles it into dist/bundle with a
// V8 code cache (scripts/bundle.mjs), which starts several times faster; without an up-to-date bundle the
// compiled modules run instead. CommonJS (bin/package.json), so a cold start skips the ES module loader.
'use strict';
const bundle = require('../dist/src/startup/bundle-loader.cjs').loadBundle();
if (bundle) bundle.cli();
else import('../dist/src/cli/main.js').then(({ cli }) => cli());
