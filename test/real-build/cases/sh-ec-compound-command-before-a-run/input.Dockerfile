# The same hazard with errexit from the SHELL's -e flag instead of `set -e`.
FROM debian:bookworm
SHELL ["/bin/sh", "-ec"]
RUN if true; then false; touch /b; fi
RUN touch /a
