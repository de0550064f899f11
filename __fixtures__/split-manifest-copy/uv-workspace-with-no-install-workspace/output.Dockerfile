FROM python:3.12
WORKDIR /app
COPY pyproject.toml uv.lock ./
COPY packages/core/pyproject.toml ./packages/core/
RUN uv sync --frozen --no-install-workspace
COPY . .
