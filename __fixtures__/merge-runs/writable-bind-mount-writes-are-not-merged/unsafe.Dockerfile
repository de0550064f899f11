FROM debian:bookworm
RUN --mount=type=bind,target=/src,rw echo "debug = true" >> /src/settings.conf && \
    cp /src/settings.conf /etc/app-settings.conf
