FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv \
 && rm -rf /var/lib/apt/lists/* \
 && python3 -m venv /opt/venv && chown -R www-data /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY --chown=www-data pip.conf /var/www/.config/pip/pip.conf
USER www-data
WORKDIR /srv/app
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY . .
CMD ["python", "src/app.py"]
