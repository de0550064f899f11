FROM debian:12
RUN if [ -n "$DEV" ]; then apt-get install -y --no-install-recommends gdb; fi
