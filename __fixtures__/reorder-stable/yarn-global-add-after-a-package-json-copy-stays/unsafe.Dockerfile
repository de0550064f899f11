FROM node:20
# the official node image ships Yarn 1.22.22 in /opt/yarn-v1.22.22; the local Debian Node.js image has none
RUN npm install -g yarn@1.22.22
WORKDIR /app
RUN yarn global add serve@14.2.4
COPY package.json /app/package.json
COPY . .
CMD ["serve", "-s", "build"]
