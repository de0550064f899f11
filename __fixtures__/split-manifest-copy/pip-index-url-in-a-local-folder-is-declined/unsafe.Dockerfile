FROM python:3.12-slim
ENV PIP_INDEX_URL=file:///app/pypi/simple
WORKDIR /app
COPY requirements.txt /app/
RUN pip install --no-cache-dir -r requirements.txt
COPY . /app
CMD ["python", "app.py"]
