FROM debian:12
RUN cd /opt && touch ready
COPY . /app
