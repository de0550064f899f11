FROM debian:bookworm
RUN useradd --system app
WORKDIR /src
COPY . .
RUN apt-get update && apt-get install -y --no-install-recommends make && chown -R app /src && make
