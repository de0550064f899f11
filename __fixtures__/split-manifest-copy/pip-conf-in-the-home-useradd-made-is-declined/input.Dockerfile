FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv \
 && rm -rf /var/lib/apt/lists/* \
 && useradd -m -d /opt/app app \
 && python3 -m venv /opt/venv && chown -R app /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY --chown=app pip.conf /opt/app/.config/pip/pip.conf
USER app
WORKDIR /srv/app
COPY . .
RUN pip install -r requirements.txt
CMD ["python", "src/app.py"]
