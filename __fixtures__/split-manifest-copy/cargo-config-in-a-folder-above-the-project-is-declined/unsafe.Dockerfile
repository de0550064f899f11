FROM rust:1
COPY service/Cargo.toml /app/service/
COPY service/src/main.rs /app/service/src/
WORKDIR /app/service
RUN cargo fetch
COPY . /app
RUN cargo build --release --offline && ./target/release/hello
