FROM debian:bookworm
ENV APP_DIR="$HOME/app"
RUN mkdir /app/logs
COPY . /srv/site
WORKDIR $APP_DIR
