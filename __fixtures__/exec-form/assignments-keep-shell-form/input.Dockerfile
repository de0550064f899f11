FROM debian:12
CMD NODE_ENV=production node server.js
