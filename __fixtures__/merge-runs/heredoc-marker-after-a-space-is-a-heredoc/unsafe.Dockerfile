FROM debian:bookworm
RUN cat << CMD > /srv/Dockerfile.template
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
CMD
RUN sha1sum /srv/Dockerfile.template > /srv/template.sha1
