FROM debian:bookworm
RUN seq 200000 | sort -S 64K --compress-program=gzip > /out; echo "rc=$?" >> /out
COPY . /app
RUN install -m 755 /app/wrap /usr/local/bin/gzip
