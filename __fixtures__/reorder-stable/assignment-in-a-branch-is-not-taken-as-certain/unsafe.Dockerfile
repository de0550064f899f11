FROM debian:bookworm
ARG PROFILE=default
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/* && \
    # the default profile ships its settings in the repository; other profiles use the site settings the base image provides
    { case "$PROFILE" in \
      default) ENV_FILE=/opt/app/deploy/app.env ;; \
      *) ENV_FILE=/etc/app/site.env ;; \
    esac; \
    mkdir -p /etc/app; \
    if [ -f "$ENV_FILE" ]; then cp "$ENV_FILE" /etc/app/app.env; else touch /etc/app/app.env; fi; }
COPY . /opt/app
CMD ["/opt/app/run.sh"]
