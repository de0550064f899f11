FROM debian:bookworm
RUN [ "x" ] && cat <<CMD > /srv/Dockerfile.template
FROM debian:bookworm-slim
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl
CMD
