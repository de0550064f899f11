FROM debian:bookworm
RUN printf '%s\n' /etc/app/conf.d/*.conf > /etc/app/load-order
COPY . /etc/app/conf.d
