FROM debian:12
WORKDIR /app
RUN curl -fsSL -o /usr/local/bin/tini https://example.com/tini && chmod +x /usr/local/bin/tini
COPY . .
ENTRYPOINT ["/usr/local/bin/tini", "--"]
