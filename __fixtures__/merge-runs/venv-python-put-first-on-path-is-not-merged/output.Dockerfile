FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-venv && \
    # Every later `python3` runs the virtual environment's interpreter
    python3 -m venv /opt/venv && \
    printf '#!/bin/sh\nexec /opt/venv/bin/python3 "$@"\n' > /usr/local/bin/python3 && \
    chmod +x /usr/local/bin/python3
RUN python3 -c 'import sys; print(sys.prefix)' > /etc/python-prefix
