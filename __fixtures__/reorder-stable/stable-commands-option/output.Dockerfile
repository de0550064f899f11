FROM debian:12
WORKDIR /app
RUN install-tool --global
COPY . .
