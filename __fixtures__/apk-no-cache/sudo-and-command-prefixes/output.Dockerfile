FROM alpine:3.20
RUN sudo apk add --no-cache curl && command apk add --no-cache git
