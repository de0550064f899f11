FROM php:8.3-cli
RUN chown -R www-data /app/storage
COPY . app
