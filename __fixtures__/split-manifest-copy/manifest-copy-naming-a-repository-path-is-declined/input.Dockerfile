FROM python:3.12-slim
WORKDIR /srv
COPY backend/requirements.txt /tmp/requirements-backend.txt
COPY . /srv
RUN pip install --no-cache-dir -r requirements.txt
CMD ["python", "backend/main.py"]
