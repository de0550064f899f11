FROM debian:12
ENV GREETING="hello world"
LABEL description="a small image"
