FROM python:3.12-slim
WORKDIR /srv
# system packages
RUN apt-get update
RUN apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir gunicorn
COPY . .
CMD ["gunicorn", "app:app"]
