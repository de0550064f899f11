FROM node:20
ARG APP=/app
WORKDIR /app
COPY . $APP
ENV APP=/srv/app
RUN npm ci
