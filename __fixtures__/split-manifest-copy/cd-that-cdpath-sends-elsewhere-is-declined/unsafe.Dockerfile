FROM node:20-bookworm
# Shared front-end tooling lives under /srv; `cd <name>` finds it there first.
ENV CDPATH=/srv
COPY shared/ /srv/web/
WORKDIR /app
COPY web/package.json web/package-lock.json ./web/
RUN cd web && npm ci
COPY . .
RUN cd /app/web && npm run build
