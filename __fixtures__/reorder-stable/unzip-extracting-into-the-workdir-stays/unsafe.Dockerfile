FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends zip unzip && \
    mkdir -p /tmp/assets && echo "v2 logo" > /tmp/assets/logo.txt && \
    cd /tmp/assets && zip -q /tmp/assets.zip logo.txt
WORKDIR /var/www/html
RUN unzip -o /tmp/assets.zip
COPY . /var/www/html
