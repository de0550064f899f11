const leftPad = require('left-pad');
const out = process.argv[2] || 'dist';
require('fs').mkdirSync(out, { recursive: true });
require('fs').writeFileSync(out + '/index.html', leftPad('built', 10) + '\n');
