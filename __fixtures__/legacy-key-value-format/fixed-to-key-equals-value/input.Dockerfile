FROM alpine
ENV LANG C.UTF-8
LABEL maintainer Jane Doe
ENV MESSAGE "hello world"
ENV GREETING $LANG  and more
