FROM debian:bookworm
SHELL ["/bin/bash", "-c"]
ENV BASH_ENV=/etc/build-env
COPY app.conf /app/app.conf
RUN chown -R www-data /app && echo "export APP_MODE=prod" >> /etc/build-env
RUN echo "mode=${APP_MODE:-dev}" > /etc/app-mode
