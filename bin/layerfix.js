#!/usr/bin/env node
// The layerfix command. The CLI is compiled to dist/ by `npm run build` (tsc -p .).
import { cli } from '../dist/src/cli/main.js';

await cli();
