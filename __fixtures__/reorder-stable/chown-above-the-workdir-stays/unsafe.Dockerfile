FROM debian:bookworm
RUN mkdir /app && useradd --system app
RUN chown -R app /app
COPY . /srv/site
WORKDIR /app/sub
