FROM debian:bookworm-slim
# Tools live in a versioned folder; /opt/tools points at the current one and comes first on PATH.
RUN mkdir -p /opt/tools-1.0/bin && ln -s /opt/tools-1.0 /opt/tools
ENV PATH=/opt/tools/bin:$PATH
RUN apt-get --version > /etc/apt-version
# A wrapper that logs every apt-get call, installed into the current tools folder.
RUN printf '#!/bin/sh\necho "apt-get $*" >> /var/log/apt-get-calls.log\nexec /usr/bin/apt-get "$@"\n' > /opt/tools-1.0/bin/apt-get && chmod +x /opt/tools-1.0/bin/apt-get && apt-get --version > /dev/null
