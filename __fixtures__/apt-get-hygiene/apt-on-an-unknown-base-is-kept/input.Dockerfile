FROM registry.example.com/platform/base:2024.1
RUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
