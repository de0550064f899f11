FROM debian:bookworm
ENV LD_PRELOAD=/opt/preload.so
RUN ls /nonexistent > /out 2>&1 || true
COPY . /app
RUN cp /app/preload.so /opt/preload.so
