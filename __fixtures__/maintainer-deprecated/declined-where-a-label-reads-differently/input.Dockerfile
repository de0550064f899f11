FROM alpine
MAINTAINER $USER "team"
