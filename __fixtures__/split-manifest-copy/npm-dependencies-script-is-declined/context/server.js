const http = require('http');
const fs = require('fs');
http.createServer((req, res) => res.end(fs.readFileSync(__dirname + '/public/vendor/ms.js'))).listen(3000);
