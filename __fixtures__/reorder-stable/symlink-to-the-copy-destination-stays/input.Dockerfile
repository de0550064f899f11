FROM debian:bookworm
RUN useradd --system app && ln -s /opt/app /home/app-current
COPY . /opt/app
RUN chown -R app /home/app-current/
