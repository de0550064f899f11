FROM debian:12
ADD model.bin /models/
COPY readme.md /
