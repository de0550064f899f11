FROM debian:bookworm
SHELL ["/bin/bash", "-c"]
RUN useradd --system app
RUN mkdir -p /srv/data && chown -R app:app /srv/{app,data}
COPY . /srv/app
