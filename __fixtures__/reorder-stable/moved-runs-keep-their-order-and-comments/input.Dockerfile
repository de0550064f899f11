FROM python:3.12-slim
WORKDIR /srv
COPY . .
# system packages
RUN apt-get update
RUN apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir gunicorn
CMD ["gunicorn", "app:app"]
