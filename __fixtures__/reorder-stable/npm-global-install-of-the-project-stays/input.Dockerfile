FROM node:18-bookworm
WORKDIR /app
COPY . .
RUN npm install -g .
ENTRYPOINT ["mytool"]
