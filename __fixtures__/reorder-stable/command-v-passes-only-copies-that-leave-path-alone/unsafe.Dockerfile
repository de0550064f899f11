FROM debian:bookworm
WORKDIR /srv/app
# Run under tini when the image has it, else exec the app directly.
RUN if command -v tini >/dev/null 2>&1; then \
      printf '#!/bin/sh\nexec tini -- /srv/app/run.sh "$@"\n' > /srv/entrypoint.sh; \
    else \
      printf '#!/bin/sh\nexec /srv/app/run.sh "$@"\n' > /srv/entrypoint.sh; \
    fi
COPY ./bin /usr/local/bin
COPY ./app /srv/app
ENTRYPOINT ["/bin/sh", "/srv/entrypoint.sh"]
