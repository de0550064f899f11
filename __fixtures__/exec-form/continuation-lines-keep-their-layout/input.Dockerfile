FROM python:3.12
CMD gunicorn \
    --bind 0.0.0.0:8000 \
    app:app
