FROM debian:bookworm-slim
RUN useradd --create-home app
COPY . /app
ENV NODE_ENV=production
LABEL org.opencontainers.image.title=demo
EXPOSE 8080
RUN chown -R app:app /app
