FROM rust:1.77
WORKDIR /app
COPY app/ .
RUN cargo fetch
