FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --require-hashes -r requirements.txt
CMD ["python", "main.py"]
