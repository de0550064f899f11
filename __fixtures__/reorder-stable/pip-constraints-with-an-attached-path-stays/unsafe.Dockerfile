FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends python3-pip
RUN pip3 install --break-system-packages --no-cache-dir -c/app/constraints.txt --no-index wheel
COPY . /app
