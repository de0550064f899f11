FROM debian:12
WORKDIR /app
COPY . /app
RUN apt-get install -y python3
CMD ["python3", "/app/main.py"]
