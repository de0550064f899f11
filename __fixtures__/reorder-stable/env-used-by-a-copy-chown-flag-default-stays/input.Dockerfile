FROM debian:bookworm
COPY --chown=${APP_UID:-0}:${APP_GID:-0} . /srv/app
# the service runs as 10001; files above stay root-owned (read-only for it)
ENV APP_UID=10001 APP_GID=10001
RUN mkdir -p /var/log/app && chmod 1777 /var/log/app
USER 10001:10001
CMD ["python3", "/srv/app/app.py"]
