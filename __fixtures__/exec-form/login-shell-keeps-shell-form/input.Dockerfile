FROM debian:12
SHELL ["/bin/bash", "-lc"]
CMD node server.js
