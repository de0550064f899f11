FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv \
 && rm -rf /var/lib/apt/lists/* \
 && python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
RUN ["sh", "-c", "printf '[global]\\nno-index = true\\nfind-links = /srv/app/wheels\\n' > /etc/pip.conf"]
WORKDIR /srv/app
COPY . .
RUN pip install -r requirements.txt
CMD ["python", "src/app.py"]
