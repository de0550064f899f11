FROM debian:12
RUN apt-get update \
    && apt-get install -y python3 python3-pip python3-venv build-essential
