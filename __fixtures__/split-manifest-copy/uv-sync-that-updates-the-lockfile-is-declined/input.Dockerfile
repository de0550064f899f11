FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim
WORKDIR /app
COPY . /app
RUN uv sync --no-install-project
CMD ["uv", "run", "python", "main.py"]
