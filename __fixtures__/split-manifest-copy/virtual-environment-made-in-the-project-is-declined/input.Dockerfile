FROM python:3.12
WORKDIR /app
COPY . .
RUN python -m venv .venv && .venv/bin/pip install -r requirements.txt
