FROM debian:bookworm-slim
ENV PATH=/opt/tools/bin:$PATH
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
RUN mkdir -p /opt/tools/bin \
    && printf '#!/bin/sh\necho "wrapped: $*" >> /var/log/rm.log\nexec /usr/bin/rm "$@"\n' > /opt/tools/bin/rm \
    && chmod +x /opt/tools/bin/rm \
    && touch /tmp/scratch && rm -f /tmp/scratch
