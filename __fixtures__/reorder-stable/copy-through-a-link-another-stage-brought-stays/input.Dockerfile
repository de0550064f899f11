FROM debian:bookworm AS layout
RUN mkdir -p /out/etc && ln -s /app/config /out/etc/app

FROM debian:bookworm
COPY --from=layout /out/etc/ /etc/
COPY . /app
COPY docker/app.conf /etc/app/app.conf
RUN chmod 600 /etc/app/app.conf
