FROM python:3.11
RUN python -m venv --system-site-packages /venv
ENV PATH=/venv/bin:$PATH
WORKDIR /app
COPY . .
RUN pip install --no-index --no-build-isolation -r requirements.txt
CMD ["python", "app.py"]
