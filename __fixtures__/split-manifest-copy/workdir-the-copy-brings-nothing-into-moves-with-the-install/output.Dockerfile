FROM python:3.12-slim
USER nobody
WORKDIR /app
COPY requirements.txt ./
WORKDIR /app/cache
RUN pip install --user -r /app/requirements.txt
WORKDIR /app
COPY . .
WORKDIR /app/cache
CMD ["python", "/app/app.py"]
