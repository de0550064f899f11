FROM debian:bookworm
SHELL ["/bin/bash", "-c"]
RUN echo "$(</etc/app.conf)" > /copy
COPY . /app
RUN cp /app/conf /etc/app.conf
