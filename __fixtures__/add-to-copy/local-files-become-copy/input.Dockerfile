FROM debian:12
ADD app.py /app/
add --chown=1000:1000 --chmod=644 config.json settings.yml /etc/app/
ADD --link src/*.py /app/src/
ADD plugins.zip /opt/
ADD ["with space.txt", "/data/"]
