FROM node:20
WORKDIR "/srv/my app"
COPY [".", "/srv/my app"]
RUN npm ci
