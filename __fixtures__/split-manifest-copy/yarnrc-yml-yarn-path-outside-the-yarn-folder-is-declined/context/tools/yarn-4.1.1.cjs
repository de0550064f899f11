#!/usr/bin/env node
// Stand-in for the vendored Yarn release the repository pins.
require('fs').writeFileSync('.yarn-release-used', '4.1.1\n');
