FROM python:3.12-slim
RUN pip install --no-cache-dir poetry==1.8.3
ENV POETRY_VIRTUALENVS_CREATE=false
WORKDIR /app
COPY pyproject.toml poetry.lock README.MD /app/
RUN poetry install --no-root --no-interaction
COPY . /app
CMD ["python", "-m", "ledger"]
