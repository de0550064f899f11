FROM node:20-bookworm
WORKDIR /app
COPY . .
RUN { npm ci > /dev/null; echo installed; } > /app/install-output.txt
