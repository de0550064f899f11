FROM alpine:3.20
RUN wget https://example.org/a.tgz
