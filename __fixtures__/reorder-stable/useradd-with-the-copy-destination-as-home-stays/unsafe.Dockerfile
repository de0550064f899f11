FROM debian:bookworm
RUN useradd -m -d /app app
COPY . /app
USER app
CMD ["sh", "/app/run.sh"]
