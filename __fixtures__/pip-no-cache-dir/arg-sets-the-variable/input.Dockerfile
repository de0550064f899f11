FROM python:3.12
ARG PIP_NO_CACHE_DIR=off
RUN pip install flask
