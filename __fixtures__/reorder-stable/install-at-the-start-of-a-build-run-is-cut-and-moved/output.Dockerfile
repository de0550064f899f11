FROM node:20-bookworm-slim
WORKDIR /app
RUN npm install -g http-server@14.1.1
COPY . .
# The build tool, then the build
RUN node build.js > /app/built.txt
CMD ["http-server", "/app"]
