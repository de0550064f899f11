FROM node:20
COPY frontend/package.json frontend/package-lock.json /srv/frontend/
RUN cd /srv/frontend && npm ci
COPY . /srv
