FROM rust:1
COPY . /app
WORKDIR /app/service
RUN cargo fetch
RUN cargo build --release --offline && ./target/release/hello
