FROM debian:12
WORKDIR /app
RUN apt-get install -y python3
COPY . /app
CMD ["python3", "/app/main.py"]
