FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/app
ENV VIRTUAL_ENV=/srv/app/.venv PATH=/srv/app/.venv/bin:$PATH
RUN python3 -m venv .venv \
 && printf '[global]\nno-index = true\nfind-links = /srv/app/wheels\n' > .venv/pip.conf
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY . .
CMD ["python", "src/app.py"]
