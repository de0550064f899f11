FROM debian:bookworm
RUN set -eux && \
    apt-get update && \
    apt-get install -y --no-install-recommends make && \
    if ! id app >/dev/null 2>&1; then groupadd --system video; useradd --system --gid video --create-home app; fi
COPY . /app
RUN set -eux && make -C /app
