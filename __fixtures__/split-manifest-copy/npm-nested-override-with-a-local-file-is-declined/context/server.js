const debug = require('debug')('api'); require('http').createServer((q,r)=>r.end('ok')).listen(3000); debug('up');
