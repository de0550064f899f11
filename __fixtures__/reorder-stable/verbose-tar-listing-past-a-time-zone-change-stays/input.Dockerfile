FROM debian:bookworm
COPY . /app
RUN ln -sf /usr/share/zoneinfo/$(cat /app/tz) /etc/localtime
RUN tar -cf /t.tar /etc/debian_version && tar -tvf /t.tar > /out
