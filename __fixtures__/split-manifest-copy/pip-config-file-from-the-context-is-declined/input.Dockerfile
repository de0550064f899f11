FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-venv
RUN python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH PIP_CONFIG_FILE=/app/pip.conf
WORKDIR /app
COPY . /app
RUN pip install -r requirements.txt
