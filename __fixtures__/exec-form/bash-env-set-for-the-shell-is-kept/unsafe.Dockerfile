FROM debian:bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv \
 && rm -rf /var/lib/apt/lists/*
RUN python3 -m venv /opt/venv

# Every bash -c below (RUNs and the CMD) runs inside the virtualenv
SHELL ["/bin/bash", "-c"]
ENV BASH_ENV=/opt/venv/bin/activate

WORKDIR /app
COPY app.py .
RUN python -m pip --version
CMD ["python", "app.py"]
