FROM debian:bookworm
RUN useradd --system app && ln -s /opt/app /home/app-current
RUN chown -R app /home/app-current/
COPY . /opt/app
