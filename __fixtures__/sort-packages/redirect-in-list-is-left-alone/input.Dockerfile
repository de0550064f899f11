FROM debian:12
RUN apt-get install -y b 2>/dev/null a
