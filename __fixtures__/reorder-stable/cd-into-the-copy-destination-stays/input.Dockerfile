FROM debian:12
COPY . /app
RUN cd /app && touch ready
