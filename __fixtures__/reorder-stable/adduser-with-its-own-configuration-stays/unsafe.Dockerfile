FROM debian:bookworm
RUN adduser --conf /app/docker/adduser.conf --disabled-password --gecos '' app
COPY . /app
