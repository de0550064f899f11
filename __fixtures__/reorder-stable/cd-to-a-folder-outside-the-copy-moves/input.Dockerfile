FROM debian:12
COPY . /app
RUN cd /opt && touch ready
