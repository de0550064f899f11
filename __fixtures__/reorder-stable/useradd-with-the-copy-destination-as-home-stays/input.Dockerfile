FROM debian:bookworm
COPY . /app
RUN useradd -m -d /app app
USER app
CMD ["sh", "/app/run.sh"]
