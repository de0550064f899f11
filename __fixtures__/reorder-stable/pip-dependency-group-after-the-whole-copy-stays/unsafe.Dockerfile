FROM python:3.11
ENV PATH=/venv/bin:$PATH
WORKDIR /app
RUN python -mvenv /venv
COPY wheels/ /wheels/
RUN pip install --no-index /wheels/pip-25.1.1-py3-none-any.whl
RUN pip install --no-index --group main
COPY . .
CMD ["python", "app.py"]
