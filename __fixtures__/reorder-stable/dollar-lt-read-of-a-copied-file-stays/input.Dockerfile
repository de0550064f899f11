FROM debian:bookworm
SHELL ["/bin/bash", "-c"]
COPY . /app
RUN cp /app/conf /etc/app.conf
RUN echo "$(</etc/app.conf)" > /copy
