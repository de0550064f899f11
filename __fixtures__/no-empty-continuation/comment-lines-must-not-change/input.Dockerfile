FROM alpine
RUN apk add --no-cache \
    # the client
    curl

RUN true
