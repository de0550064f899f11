FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim
WORKDIR /app
COPY pyproject.toml uv.lock /app/
RUN uv sync --frozen --no-install-workspace
COPY . /app
CMD ["uv", "run", "python", "-m", "api"]
