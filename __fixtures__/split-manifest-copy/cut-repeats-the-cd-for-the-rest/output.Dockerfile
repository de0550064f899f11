FROM node:20
COPY web/package.json web/package-lock.json /srv/web/
RUN cd /srv/web && npm ci
COPY . /srv
RUN cd /srv/web && npm run build
