FROM debian:bookworm-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
ENV LANG=en_US.UTF-8 LANGUAGE=en_US:en LC_ALL=en_US.UTF-8

RUN apt-get update \
    && apt-get install -y --no-install-recommends locales tzdata \
    && sed -i 's/^# *\(en_US.UTF-8 UTF-8\)/\1/' /etc/locale.gen \
    && locale-gen \
    && rm -rf /var/lib/apt/lists/*

# the time zones the app offers on its settings page, in the order the shell lists them
RUN mkdir -p /usr/share/myapp \
    && printf '%s\n' /usr/share/zoneinfo/* > /usr/share/myapp/zones.txt
