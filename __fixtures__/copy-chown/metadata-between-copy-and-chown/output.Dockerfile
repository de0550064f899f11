FROM debian:bookworm-slim
RUN useradd --create-home app
COPY --chown=app:app . /app
ENV NODE_ENV=production
LABEL org.opencontainers.image.title=demo
EXPOSE 8080
