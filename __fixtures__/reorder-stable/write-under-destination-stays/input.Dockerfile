FROM debian:12
COPY . /app
RUN mkdir -p /app/cache
