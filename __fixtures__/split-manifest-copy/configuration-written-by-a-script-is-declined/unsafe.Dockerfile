FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv \
 && rm -rf /var/lib/apt/lists/* \
 && python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY setup-pip.sh /usr/local/bin/
RUN setup-pip.sh
WORKDIR /srv/app
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY . .
CMD ["python", "src/app.py"]
