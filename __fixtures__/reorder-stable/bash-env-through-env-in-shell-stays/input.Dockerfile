FROM debian:bookworm
SHELL ["/usr/bin/env", "BASH_ENV=/etc/app.env", "bash", "-c"]
COPY . /app
RUN cp /app/profile.sh /etc/app.env
RUN echo "foo=$FOO" > /foo
