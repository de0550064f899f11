FROM debian:bookworm
SHELL ["/bin/bash", "-c"]
RUN useradd --system app
COPY . /srv/app
RUN mkdir -p /srv/data && chown -R app:app /srv/{app,data}
