FROM node:20
CMD node server.js > /tmp/log 2>&1
