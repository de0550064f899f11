FROM debian:bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Downstream images: COPY their sources and run their setup script, if any
ONBUILD COPY . /app
ONBUILD RUN if [ -f setup.sh ]; then \
                sh setup.sh; \
            fi
CMD ["bash"]
