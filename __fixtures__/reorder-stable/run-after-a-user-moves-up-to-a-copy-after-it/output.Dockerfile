FROM debian:bookworm
RUN useradd --create-home app
COPY config/ /etc/app/
USER app
# Made as app: it moves above the copy after the USER, never above the USER
RUN mkdir -p /home/app/.cache/tool
COPY --chown=app:app src/ /srv/app/
CMD ["ls", "-la", "/home/app/.cache"]
