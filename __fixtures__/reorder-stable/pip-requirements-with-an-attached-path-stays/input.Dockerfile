FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends python3-pip
COPY . /app
RUN pip3 install --break-system-packages --no-cache-dir -r/app/requirements.txt
