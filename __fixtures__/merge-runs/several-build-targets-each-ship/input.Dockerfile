FROM debian:bookworm AS base
RUN apt-get update
RUN apt-get install -y --no-install-recommends ca-certificates

FROM base AS builder
RUN mkdir -p /out
RUN echo built > /out/app

FROM base AS standard
COPY --from=builder /out/app /usr/local/bin/app
RUN useradd app
RUN mkdir -p /data && chown app /data

FROM base AS allinone
RUN mkdir -p /extra
RUN echo all > /extra/all.txt
