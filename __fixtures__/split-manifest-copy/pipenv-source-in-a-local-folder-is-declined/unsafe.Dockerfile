FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends pipenv python3-pip && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY Pipfile Pipfile.lock /app/
RUN pipenv install --deploy
COPY . /app
CMD ["pipenv", "run", "python", "app.py"]
