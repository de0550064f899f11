FROM debian:bookworm
COPY . /app
RUN install -m 755 /app/wrap /usr/local/bin/echo
RUN printf "a b\n" | xargs > /out
