FROM node:20
WORKDIR /usr/src/app
COPY ../shared/tsconfig.base.json /usr/src/tsconfig.base.json
COPY . .
RUN npm ci
CMD ["npm", "start"]
