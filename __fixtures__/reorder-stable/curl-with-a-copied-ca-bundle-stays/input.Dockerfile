FROM debian:bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
ENV CURL_CA_BUNDLE=/etc/ssl/certs/corp-bundle.pem
COPY certs/corp-bundle.pem /etc/ssl/certs/corp-bundle.pem
RUN mkdir -p /opt/pnpm \
 && curl -fsSL https://registry.npmjs.org/pnpm/-/pnpm-9.15.0.tgz \
    | tar -xz -C /opt/pnpm --strip-components=1
