FROM python:3.12
RUN PIP_NO_CACHE_DIR=1 pip install flask
RUN export PIP_NO_CACHE_DIR=1 && pip install gunicorn
