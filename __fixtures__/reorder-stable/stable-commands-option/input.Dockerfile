FROM debian:12
WORKDIR /app
COPY . .
RUN install-tool --global
