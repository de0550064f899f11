FROM alpine:3.20
RUN apk add --no-cache curl
RUN curl -fsSL https://example.com/install.sh -o /tmp/install.sh
RUN sh /tmp/install.sh && rm /tmp/install.sh
