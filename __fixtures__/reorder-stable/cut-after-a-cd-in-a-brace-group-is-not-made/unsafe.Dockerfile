FROM debian:bookworm
WORKDIR /app
RUN { cd /opt/a 2>/dev/null || cd /opt; } && apt-get update && apt-get download hello
COPY . .
RUN cd /opt/a 2>/dev/null && cd /opt && cp /app/NOTICE .
