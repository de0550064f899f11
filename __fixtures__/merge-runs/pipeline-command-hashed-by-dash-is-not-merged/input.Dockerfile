FROM debian:bookworm-slim
# dash (bookworm's 0.5.12) looks up every command of a pipeline whose name is a plain word before it forks, and hashes it:
# `grep` is now /usr/bin/grep in this shell's table.
RUN dpkg-query -W -f '${Package}\n' | grep -c . > /etc/package-count
# A wrapper that logs every grep call, put first on PATH, then used.
RUN printf '#!/bin/sh\necho "grep $*" >> /var/log/grep-calls.log\nexec /usr/bin/grep "$@"\n' > /usr/local/bin/grep && chmod +x /usr/local/bin/grep && grep -q . /etc/package-count
