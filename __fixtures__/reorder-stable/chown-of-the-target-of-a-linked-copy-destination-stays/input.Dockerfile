FROM debian:bookworm AS build
COPY src/ /src/
RUN mkdir -p /out/bin && install -m 755 /src/app.sh /out/bin/app

FROM debian:bookworm
RUN useradd --system --no-create-home app \
 && mkdir -p /opt/app/releases/1.0 \
 && ln -s /opt/app/releases/1.0 /opt/app/current
COPY --from=build /out/ /opt/app/current/
RUN chown -R app:app /opt/app/releases
USER app
CMD ["/opt/app/current/bin/app"]
