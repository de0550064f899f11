FROM alpine:3.20

ENV TINI_VERSION=v0.19.0
RUN apk add --no-cache --virtual .fetch-deps wget ca-certificates gnupg \
 && wget -O /sbin/tini "https://github.com/krallin/tini/releases/download/${TINI_VERSION}/tini-static-amd64" \
 && wget -O /tmp/tini.asc "https://github.com/krallin/tini/releases/download/${TINI_VERSION}/tini-static-amd64.asc" \
 && gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys 595E85A6B1B4779EA4DAAEC70B588DFF0527A9B7 \
 && gpg --batch --verify /tmp/tini.asc /sbin/tini \
 && chmod +x /sbin/tini \
 && rm -rf /tmp/tini.asc /root/.gnupg \
 && apk del .fetch-deps

# BusyBox's wget is enough for plain downloads
RUN wget -O /usr/local/share/ca-extra.pem https://pki.example.com/ca.pem

ENTRYPOINT ["/sbin/tini", "--"]
