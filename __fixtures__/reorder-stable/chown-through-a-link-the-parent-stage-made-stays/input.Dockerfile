FROM debian:bookworm AS base
RUN useradd --system app \
 && mkdir -p /opt/app/releases/current \
 && ln -s /opt/app/releases/current /app

FROM base
COPY . /app
RUN chown -R app:app /opt/app/releases
USER app
CMD ["/app/main.py"]
