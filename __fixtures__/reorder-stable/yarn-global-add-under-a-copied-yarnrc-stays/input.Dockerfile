FROM node:18-bookworm
RUN npm install -g yarn@1.22.22
WORKDIR /app
COPY . .
RUN yarn global add npm-check-updates
CMD ["ncu"]
