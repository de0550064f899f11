FROM node:20
CMD node server.js
ENTRYPOINT ./start.sh
