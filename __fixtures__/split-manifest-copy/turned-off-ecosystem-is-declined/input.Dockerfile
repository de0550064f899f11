FROM python:3.12
WORKDIR /app
COPY . .
RUN npm ci && pip install -r requirements.txt
