FROM python:3.12
COPY requirements.txt /code/
RUN pip install -r /code/requirements.txt
COPY . /code
WORKDIR /code
