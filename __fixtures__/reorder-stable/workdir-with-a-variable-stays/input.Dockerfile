FROM debian:bookworm
ENV APP_DIR="$HOME/app"
COPY . /srv/site
WORKDIR $APP_DIR
RUN mkdir /app/logs
