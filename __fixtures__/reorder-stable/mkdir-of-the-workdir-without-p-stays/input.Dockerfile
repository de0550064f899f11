FROM debian:bookworm
RUN mkdir /app
COPY . /srv/site
WORKDIR /app/frontend
RUN mkdir /app/frontend
