FROM debian:12
COPY app.py /app/
copy --chown=1000:1000 --chmod=644 config.json settings.yml /etc/app/
ADD --link src/*.py /app/src/
COPY plugins.zip /opt/
COPY ["with space.txt", "/data/"]
