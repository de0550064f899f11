FROM debian:bookworm
COPY . /app
RUN adduser --conf /app/docker/adduser.conf --disabled-password --gecos '' app
