FROM debian:bookworm
RUN useradd -r -u 999 app && mkdir -p /var/lib/myapp
WORKDIR /app
COPY docker/seed.db /var/lib/myapp/seed.db
RUN chmod 640 /var/lib/myapp/seed.db
COPY . /app
RUN chown -R app:app /app/data/
