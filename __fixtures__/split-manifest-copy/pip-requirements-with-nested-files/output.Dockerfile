FROM python:3.12-slim
WORKDIR /code
COPY requirements.txt constraints.txt /code/
COPY requirements/base.txt /code/requirements/
RUN pip install --no-cache-dir --upgrade pip && pip install --no-cache-dir -r requirements.txt
COPY . /code
CMD ["gunicorn", "app:app"]
