FROM debian:bookworm
RUN useradd -D --base-dir /srv
RUN useradd -m app
COPY . /srv/app/src
