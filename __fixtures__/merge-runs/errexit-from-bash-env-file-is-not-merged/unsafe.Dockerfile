FROM debian:bookworm
SHELL ["/bin/bash", "-c"]
RUN printf 'set -e\n' > /etc/build-strict.sh
ENV BASH_ENV=/etc/build-strict.sh
RUN mkdir -p /srv/app && \
    { grep -q '^app:' /etc/passwd; echo "user checked" > /srv/app/user-checked; } && \
    echo "done" > /srv/app/done
