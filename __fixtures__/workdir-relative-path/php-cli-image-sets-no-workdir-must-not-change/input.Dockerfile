FROM php:8.3-cli
WORKDIR app
RUN pwd > /where
