FROM python:3.12-slim
WORKDIR /srv
RUN mkdir -p /var/lib/worker
COPY requirements.txt .
COPY . .
