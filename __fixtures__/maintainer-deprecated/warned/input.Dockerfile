FROM alpine
MAINTAINER Jane Doe <jane@example.org>
