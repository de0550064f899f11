FROM php:8.3-cli
COPY . app
RUN chown -R www-data /app/storage
