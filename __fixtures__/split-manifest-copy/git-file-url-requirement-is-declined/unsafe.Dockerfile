FROM python:3.11
RUN python -m venv --system-site-packages /venv
ENV PATH=/venv/bin:$PATH
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-index --no-build-isolation -r requirements.txt
COPY . .
CMD ["python", "app.py"]
