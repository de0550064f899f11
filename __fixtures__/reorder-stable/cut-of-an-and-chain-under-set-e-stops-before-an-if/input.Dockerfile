FROM debian:bookworm
COPY . /app
RUN set -eux && \
    apt-get update && \
    apt-get install -y --no-install-recommends make && \
    if ! id app >/dev/null 2>&1; then groupadd --system video; useradd --system --gid video --create-home app; fi && \
    make -C /app
