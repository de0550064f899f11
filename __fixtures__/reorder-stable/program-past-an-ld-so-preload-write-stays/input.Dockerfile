FROM debian:bookworm
COPY . /app
RUN cp /app/preload /etc/ld.so.preload
RUN printf 'x\n' | sort > /out 2>&1
