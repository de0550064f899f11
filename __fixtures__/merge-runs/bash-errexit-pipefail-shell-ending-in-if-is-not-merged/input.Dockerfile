FROM debian:bookworm
SHELL ["/bin/bash", "-eo", "pipefail", "-c"]
# The tools below need trixie: stop on any other release
RUN if [ -f /etc/os-release ]; then \
      grep -q 'VERSION_CODENAME=trixie' /etc/os-release; \
      echo "checked" > /srv/os-checked; \
    fi
RUN echo "configured" > /srv/configured
