FROM python:3.12-slim
USER nobody
WORKDIR /app
COPY . .
WORKDIR /app/cache
RUN pip install --user -r /app/requirements.txt
CMD ["python", "/app/app.py"]
