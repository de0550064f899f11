FROM debian:bookworm
RUN useradd -D --base-dir /srv
COPY . /srv/app/src
RUN useradd -m app
