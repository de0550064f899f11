FROM node:18-bookworm
WORKDIR /app
RUN npm install -g .
COPY . .
ENTRYPOINT ["mytool"]
