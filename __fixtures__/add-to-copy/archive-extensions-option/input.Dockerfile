FROM debian:12
ADD model.bin /models/
ADD readme.md /
