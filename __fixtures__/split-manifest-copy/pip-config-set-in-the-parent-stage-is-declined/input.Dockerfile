FROM debian:bookworm-slim AS base
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv \
 && rm -rf /var/lib/apt/lists/* \
 && python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
# Our packages come from the wheelhouse committed with each service.
RUN pip config set global.no-index true \
 && pip config set global.find-links /srv/app/wheels

FROM base AS app
WORKDIR /srv/app
COPY . .
RUN pip install -r requirements.txt
CMD ["python", "src/app.py"]
