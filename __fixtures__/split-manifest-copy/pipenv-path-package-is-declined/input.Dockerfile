FROM python:3.12
WORKDIR /app
COPY . .
RUN pipenv install --deploy --system
