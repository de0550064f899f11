FROM node:20
WORKDIR $HOME/app
COPY . $HOME/app
RUN npm ci
