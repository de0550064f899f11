FROM python:3.12-slim
WORKDIR /code
COPY . /code
RUN pip install --no-cache-dir --upgrade pip && pip install --no-cache-dir -r requirements.txt
CMD ["gunicorn", "app:app"]
