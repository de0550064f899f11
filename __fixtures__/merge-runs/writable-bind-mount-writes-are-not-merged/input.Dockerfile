FROM debian:bookworm
RUN --mount=type=bind,target=/src,rw echo "debug = true" >> /src/settings.conf
RUN --mount=type=bind,target=/src,rw cp /src/settings.conf /etc/app-settings.conf
