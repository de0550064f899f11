FROM python:3.12-slim
RUN pip install --no-cache-dir pipenv
WORKDIR /app
COPY Pipfile /app/
RUN pipenv install --deploy
COPY . /app
CMD ["pipenv", "run", "python", "main.py"]
