FROM debian:bookworm
RUN printf "a b\n" | xargs > /out
COPY . /app
RUN install -m 755 /app/wrap /usr/local/bin/echo
