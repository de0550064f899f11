FROM debian:bookworm
WORKDIR /app
RUN apt-get update && apt-get download hello && cd /app/sub
COPY . .
RUN cd /app/sub && cp ../NOTICE .
