FROM alpine
ENV LANG C.UTF-8
LABEL maintainer Jane Doe
