FROM node:20
CMD node server.js
