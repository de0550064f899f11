FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-venv
RUN python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
COPY requirements.txt /app/
RUN pip install --no-index -r requirements.txt
COPY . /app
