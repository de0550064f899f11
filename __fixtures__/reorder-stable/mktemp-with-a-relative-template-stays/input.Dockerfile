FROM debian:bookworm
WORKDIR /app
COPY . .
RUN mktemp build.XXXXXX
