FROM debian:bookworm
WORKDIR /app
RUN mkdir -p /data/app && rm -rf /app && ln -s /data/app /app
RUN touch .initialized
