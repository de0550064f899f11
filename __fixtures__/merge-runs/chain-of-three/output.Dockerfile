FROM alpine:3.20
RUN apk add --no-cache curl && \
    curl -fsSL https://example.com/install.sh -o /tmp/install.sh && \
    sh /tmp/install.sh && rm /tmp/install.sh
