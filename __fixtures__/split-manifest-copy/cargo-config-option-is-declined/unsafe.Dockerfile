FROM rust:1
WORKDIR /app
COPY Cargo.toml /app/
COPY src/main.rs /app/src/
RUN cargo fetch --config ci/offline.toml
COPY . /app
RUN cargo build --release --offline --config ci/offline.toml && ./target/release/hello
