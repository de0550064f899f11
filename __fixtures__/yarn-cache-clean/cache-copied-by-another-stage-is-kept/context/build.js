const ms = require('ms'); require('fs').writeFileSync('dist.txt', ms(60000));
