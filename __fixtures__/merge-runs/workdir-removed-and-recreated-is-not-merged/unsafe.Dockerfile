FROM debian:bookworm
WORKDIR /var/www/html
RUN rm -rf /var/www/html && mkdir -p /var/www/html && \
    echo '<h1>It works</h1>' > index.html
