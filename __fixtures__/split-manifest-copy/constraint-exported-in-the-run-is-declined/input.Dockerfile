FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN export PIP_CONSTRAINT=constraints.txt && pip install -r requirements.txt
CMD ["python", "main.py"]
