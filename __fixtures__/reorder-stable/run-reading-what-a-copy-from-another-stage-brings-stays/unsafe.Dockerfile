FROM debian:bookworm AS config
RUN mkdir /out && echo "level=info" > /out/app.conf

FROM debian:bookworm
# Install the configuration where the app reads it
RUN cp /opt/conf/app.conf /etc/app.conf
COPY src /app
COPY --from=config /out /opt/conf
CMD ["cat", "/etc/app.conf"]
