FROM rust:1
WORKDIR /app
COPY Cargo.toml /app/
COPY .cargo/config.toml /app/.cargo/
COPY src/main.rs /app/src/
RUN cargo fetch
COPY . /app
RUN cargo build --release --offline && ./target/release/hello
