const ms = require('ms');
require('fs').writeFileSync('dist.txt', `timeout=${ms('2m')}\n`);
