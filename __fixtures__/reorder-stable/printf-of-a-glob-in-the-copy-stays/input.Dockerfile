FROM debian:bookworm
COPY . /etc/app/conf.d
RUN printf '%s\n' /etc/app/conf.d/*.conf > /etc/app/load-order
