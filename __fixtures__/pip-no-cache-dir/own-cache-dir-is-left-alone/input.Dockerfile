FROM python:3.12
RUN pip install --cache-dir /tmp/pip flask
