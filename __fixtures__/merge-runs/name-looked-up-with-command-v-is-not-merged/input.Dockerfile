FROM debian:bookworm-slim
# Record where apt-get is (dash hashes the name it looks up with `command -v`).
RUN command -v apt-get > /etc/apt-get-path
# A wrapper that logs every apt-get call, put first on PATH.
RUN printf '#!/bin/sh\necho "apt-get $*" >> /var/log/apt-get-calls.log\nexec /usr/bin/apt-get "$@"\n' > /usr/local/bin/apt-get && chmod +x /usr/local/bin/apt-get && apt-get --version > /dev/null
