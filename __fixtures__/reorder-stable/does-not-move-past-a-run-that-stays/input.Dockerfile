FROM debian:12
WORKDIR /app
COPY . .
RUN make
RUN apt-get install -y curl
