FROM debian:bookworm AS config
RUN mkdir /out && echo "level=info" > /out/app.conf

FROM debian:bookworm
COPY src /app
COPY --from=config /out /opt/conf
# Install the configuration where the app reads it
RUN cp /opt/conf/app.conf /etc/app.conf
CMD ["cat", "/etc/app.conf"]
