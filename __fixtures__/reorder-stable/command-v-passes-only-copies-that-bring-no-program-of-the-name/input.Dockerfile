FROM acme/platform-base:1.4
WORKDIR /srv/app
COPY ./bin /usr/local/bin
COPY ./app /srv/app
# Run under tini when the image has it, else exec the app directly.
RUN if command -v tini >/dev/null 2>&1; then \
      printf '#!/bin/sh\nexec tini -- "$@"\n' > /entrypoint.sh; \
    else \
      printf '#!/bin/sh\nexec "$@"\n' > /entrypoint.sh; \
    fi \
 && chmod 0755 /entrypoint.sh
ENTRYPOINT ["/entrypoint.sh"]
CMD ["/srv/app/run.sh"]
