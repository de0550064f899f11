FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv \
 && rm -rf /var/lib/apt/lists/* \
 && python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH PIP_CONFIG_FILE=/opt/pip/pip.conf
COPY pip.conf /opt/pip/pip.conf
WORKDIR /srv/app
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY . .
CMD ["python", "src/app.py"]
