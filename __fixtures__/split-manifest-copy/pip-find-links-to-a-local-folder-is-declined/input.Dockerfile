FROM python:3.12
WORKDIR /app
COPY . .
RUN pip install --no-index --find-links ./wheels -r requirements.txt
