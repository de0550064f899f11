FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl jq \
    && rm -rf /var/lib/apt/lists/* \
    && jq --version > /etc/jq-debian-version
# Debian's jq is 1.6; the config template needs 1.7's `pick`
RUN curl -fsSL -o /usr/local/bin/jq https://github.com/jqlang/jq/releases/download/jq-1.7.1/jq-linux-amd64 \
    && chmod +x /usr/local/bin/jq \
    && jq -n '{db: {host: "db", port: 5432, password: "x"}} | pick(.db.host, .db.port)' > /etc/app.json
