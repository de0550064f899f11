FROM python:3.12-slim
RUN pip install --no-cache-dir pipenv
WORKDIR /app
COPY . /app
RUN pipenv install
CMD ["pipenv", "run", "python", "main.py"]
