FROM rust:1.77
WORKDIR /app
COPY . .
RUN cargo fetch
