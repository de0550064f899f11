FROM python:3.12-slim
WORKDIR /srv
COPY requirements.txt .
RUN mkdir -p /var/lib/worker
COPY . .
