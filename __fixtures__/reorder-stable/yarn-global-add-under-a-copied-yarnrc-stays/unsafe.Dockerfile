FROM node:18-bookworm
RUN npm install -g yarn@1.22.22
WORKDIR /app
RUN yarn global add npm-check-updates
COPY . .
CMD ["ncu"]
