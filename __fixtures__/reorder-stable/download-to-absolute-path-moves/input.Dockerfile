FROM debian:12
WORKDIR /app
COPY . .
RUN curl -fsSL -o /usr/local/bin/tini https://example.com/tini && chmod +x /usr/local/bin/tini
ENTRYPOINT ["/usr/local/bin/tini", "--"]
