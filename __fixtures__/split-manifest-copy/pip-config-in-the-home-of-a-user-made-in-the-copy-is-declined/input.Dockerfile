FROM python:3.12-slim
RUN useradd --create-home --home-dir /app app
WORKDIR /app
USER app
COPY --chown=app:app . /app
RUN pip install --user --no-cache-dir -r requirements.txt
CMD ["python", "app.py"]
