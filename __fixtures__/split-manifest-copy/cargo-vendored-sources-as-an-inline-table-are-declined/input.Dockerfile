FROM rust:1
WORKDIR /app
COPY . /app
RUN cargo fetch
RUN cargo build --release --offline && ./target/release/hello
