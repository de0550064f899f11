FROM debian:bookworm
RUN { set -eux; echo 'APT::Install-Recommends "false";' >> /etc/apt/apt.conf.d/99local; }; \
    apt-get update; \
    apt-get install -y make; \
    rm -rf /var/lib/apt/lists/*
COPY . /app
RUN { set -eux; echo 'APT::Install-Recommends "false";' >> /etc/apt/apt.conf.d/99local; }; make -C /app
