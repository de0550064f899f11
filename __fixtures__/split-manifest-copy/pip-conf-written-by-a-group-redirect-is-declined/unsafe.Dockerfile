FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends python3-pip && rm -rf /var/lib/apt/lists/*
WORKDIR /app
RUN { echo "[global]"; echo "no-index = true"; echo "find-links = /app/wheels"; echo "break-system-packages = true"; } > /etc/pip.conf
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY . .
CMD ["python3", "app.py"]
