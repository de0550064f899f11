// A tiny HTTP server: the app the example Dockerfile builds.
const http = require('node:http');

http
  .createServer((request, response) => response.end('hello from the layerfix example\n'))
  .listen(3000, () => console.log('listening on :3000'));
