FROM rust:1.79
WORKDIR /usr/src/relay
COPY . .
RUN cargo fetch
RUN cargo build --release --offline
