FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
# The build tool, then the build
RUN npm install -g http-server@14.1.1 && node build.js > /app/built.txt
CMD ["http-server", "/app"]
