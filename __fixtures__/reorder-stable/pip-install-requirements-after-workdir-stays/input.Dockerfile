FROM python:3.12-slim
COPY . /srv
WORKDIR /srv/api
RUN pip install --no-cache-dir -r requirements.txt
