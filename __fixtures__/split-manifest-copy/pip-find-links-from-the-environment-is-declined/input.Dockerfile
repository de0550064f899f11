FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-venv
RUN python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
ENV PIP_NO_INDEX=1 PIP_FIND_LINKS=/app/wheels
COPY . /app
RUN pip install -r requirements.txt
