FROM node:20
WORKDIR /srv
COPY . .
RUN (cd frontend && npm ci)
