FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-venv
RUN python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
ENV PIP_CONSTRAINT=constraints.txt
COPY . /app
RUN pip install --no-index -r requirements.txt
