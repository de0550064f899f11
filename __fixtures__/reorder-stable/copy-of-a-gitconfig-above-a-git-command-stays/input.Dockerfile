FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
COPY . /app
RUN cd /app && git rev-parse --short HEAD > /app/REVISION
COPY docker/gitconfig /root/.gitconfig
RUN git config --global user.email "build@example.com"
WORKDIR /app
CMD ["node", "index.js"]
