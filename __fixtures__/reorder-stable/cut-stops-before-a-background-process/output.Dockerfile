FROM node:20-bookworm-slim
WORKDIR /app
RUN npm install -g http-server@14.1.1
COPY . .
# A warm-up runs in the background while the build runs; in a RUN of its own it would die with that RUN
RUN (sleep 2 && touch /tmp/warm &) && node build.js > /app/built.txt && sleep 4 && test -f /tmp/warm
