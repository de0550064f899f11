FROM node:20-bookworm
# Shared front-end tooling lives under /srv; `cd <name>` finds it there first.
ENV CDPATH=/srv
COPY shared/ /srv/web/
WORKDIR /app
COPY . .
RUN cd web && npm ci && npm run build
