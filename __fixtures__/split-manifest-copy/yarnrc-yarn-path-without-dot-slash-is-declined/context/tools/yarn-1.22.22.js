#!/usr/bin/env node
// The Yarn release this repository pins (a stand-in that records that it ran).
require('fs').writeFileSync('/app/.pinned-yarn-ran', '1.22.22\n');
