FROM debian:bookworm
RUN id -u app > /etc/app-uid
COPY app.conf /app/app.conf
RUN useradd --system app && chown -R app:app /app
