FROM python:3.12-slim
# Offline build: every dependency is vendored as a wheel in wheels/
RUN pip config set global.no-index true && \
    pip config set global.find-links /app/wheels
WORKDIR /app
COPY . /app
RUN pip install --no-cache-dir -r requirements.txt
CMD ["python", "app.py"]
