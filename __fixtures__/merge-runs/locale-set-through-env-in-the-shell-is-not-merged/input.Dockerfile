FROM debian:bookworm-slim
SHELL ["/usr/bin/env", "LANG=en_US.UTF-8", "/bin/bash", "-c"]
RUN apt-get update && apt-get install -y --no-install-recommends locales && sed -i 's/^# en_US.UTF-8/en_US.UTF-8/' /etc/locale.gen && locale-gen && rm -rf /var/lib/apt/lists/*
RUN mkdir -p /srv/names && touch /srv/names/{a,B,c,D} && printf '%s\n' /srv/names/* > /srv/order.txt
