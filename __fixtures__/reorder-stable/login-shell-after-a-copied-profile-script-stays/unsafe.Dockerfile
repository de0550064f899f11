FROM debian:bookworm
SHELL ["/bin/bash", "--login", "-c"]
RUN groupadd --system app \
 && useradd --system --gid app --home-dir /srv/app app
RUN mkdir -p /srv/app/uploads /srv/app/cache \
 && chgrp -R app /srv/app
COPY docker/profile.sh /etc/profile.d/50-app.sh
