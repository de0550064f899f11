FROM debian:bookworm
RUN mkdir /app && useradd --system app
COPY . /srv/site
WORKDIR /app/sub
RUN chown -R app /app
