FROM node:20
COPY . /srv
RUN cd /srv/frontend && npm ci
