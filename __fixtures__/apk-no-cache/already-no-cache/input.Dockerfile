FROM alpine:3.20
RUN apk add --no-cache curl
RUN apk --no-cache add git
RUN apk del curl && apk info
