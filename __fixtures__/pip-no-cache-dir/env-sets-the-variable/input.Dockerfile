FROM python:3.12 AS base
ENV PIP_NO_CACHE_DIR=1

FROM base
RUN pip install flask
