FROM debian:bookworm
COPY app.conf /app/app.conf
RUN useradd --system app && chown -R app:app /app
RUN id -u app > /etc/app-uid
