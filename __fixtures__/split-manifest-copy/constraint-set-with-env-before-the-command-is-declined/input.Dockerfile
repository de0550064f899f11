FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN env PIP_CONSTRAINT=constraints.txt pip install -r requirements.txt
