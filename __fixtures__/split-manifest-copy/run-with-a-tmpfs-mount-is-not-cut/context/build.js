const leftPad = require('left-pad');
require('fs').mkdirSync('dist', { recursive: true });
require('fs').writeFileSync('dist/out.txt', leftPad('built', 10) + '\n');
