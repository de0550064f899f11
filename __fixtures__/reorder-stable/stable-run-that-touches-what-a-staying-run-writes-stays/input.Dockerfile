FROM debian:12
COPY . /app
RUN cp /app/config.yml /etc/app.yml
RUN sed -i s/debug/info/ /etc/app.yml
