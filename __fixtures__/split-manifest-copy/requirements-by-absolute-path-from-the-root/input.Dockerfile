FROM python:3.12
COPY . /code
RUN pip install -r /code/requirements.txt
WORKDIR /code
