FROM debian:bookworm
RUN { echo "10.0.0.5 mirror.internal"; } >> /etc/hosts && \
    { getent hosts mirror.internal > /resolved || echo none > /resolved; }
