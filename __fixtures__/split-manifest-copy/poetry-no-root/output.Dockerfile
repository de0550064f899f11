FROM python:3.12-slim
WORKDIR /app
COPY pyproject.toml poetry.lock README.md ./
RUN pip install poetry==1.8.3 && poetry config virtualenvs.create false && poetry install --no-root --only main --no-interaction
COPY . .
