FROM alpine
ENV MESSAGE "hello" world
