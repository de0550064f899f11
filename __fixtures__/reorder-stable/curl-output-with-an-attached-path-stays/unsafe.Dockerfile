FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN curl -fsSL -o/app/VERSION file:///etc/debian_version
COPY . /app
