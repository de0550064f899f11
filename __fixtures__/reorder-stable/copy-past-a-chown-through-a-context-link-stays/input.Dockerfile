FROM debian:bookworm
RUN useradd -r -u 999 app && mkdir -p /var/lib/myapp
WORKDIR /app
COPY . /app
RUN chown -R app:app /app/data/
COPY docker/seed.db /var/lib/myapp/seed.db
RUN chmod 640 /var/lib/myapp/seed.db
