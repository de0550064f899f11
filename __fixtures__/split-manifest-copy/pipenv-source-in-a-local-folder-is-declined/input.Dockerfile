FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends pipenv python3-pip && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . /app
RUN pipenv install --deploy
CMD ["pipenv", "run", "python", "app.py"]
