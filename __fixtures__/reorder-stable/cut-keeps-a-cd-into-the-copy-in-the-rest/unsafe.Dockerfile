FROM debian:bookworm
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends make && cd src
COPY . .
RUN cd src && make
