FROM debian:bookworm AS accounts
RUN useradd --uid 1500 app

FROM debian:bookworm
COPY --chown=app docker/app.conf /etc/app.conf
RUN chmod 600 /etc/app.conf
COPY . /src
COPY --from=accounts /etc/passwd /etc/passwd
COPY --from=accounts /etc/group /etc/group
