FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends python3-pip
ENV PIP_LOG=/app/pip-record.txt
WORKDIR /app
COPY . .
RUN pip3 list
CMD ["python3", "app.py"]
