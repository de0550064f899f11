FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends python3-pip
ENV PIP_LOG=/app/pip.log
WORKDIR /app
RUN pip3 list
COPY . .
CMD ["python3", "app.py"]
