FROM alpine
RUN apk add --no-cache \
    curl \
    git
COPY a \
  /a
