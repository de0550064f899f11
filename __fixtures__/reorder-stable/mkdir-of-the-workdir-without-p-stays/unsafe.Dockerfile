FROM debian:bookworm
RUN mkdir /app
RUN mkdir /app/frontend
COPY . /srv/site
WORKDIR /app/frontend
