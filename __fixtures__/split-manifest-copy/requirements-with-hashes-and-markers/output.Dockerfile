FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt ./
RUN pip install --require-hashes -r requirements.txt
COPY . .
CMD ["python", "main.py"]
