FROM debian:bookworm
COPY . /app
RUN { set -eux; echo 'APT::Install-Recommends "false";' >> /etc/apt/apt.conf.d/99local; }; \
    apt-get update; \
    apt-get install -y make; \
    rm -rf /var/lib/apt/lists/*; \
    make -C /app
