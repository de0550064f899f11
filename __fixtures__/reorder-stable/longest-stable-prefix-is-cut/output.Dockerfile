FROM debian:bookworm
RUN useradd --system app
WORKDIR /src
RUN apt-get update && apt-get install -y --no-install-recommends make
COPY . .
RUN chown -R app /src && make
