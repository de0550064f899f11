FROM node:20
COPY . /srv
RUN cd /srv/web && npm ci && npm run build
