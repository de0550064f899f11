FROM debian:12
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
CMD node server.js
