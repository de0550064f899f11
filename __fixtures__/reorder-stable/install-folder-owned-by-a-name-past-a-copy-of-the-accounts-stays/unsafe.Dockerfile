FROM debian:bookworm AS accounts
RUN groupadd -g 10001 app && useradd -u 10001 -g app app

FROM debian:bookworm
RUN install -d -o app -g app -m 0750 /data
COPY . /app
COPY --from=accounts /etc/passwd /etc/group /etc/
