FROM rust:1
WORKDIR /app
COPY . /app
RUN cargo fetch --config ci/offline.toml
RUN cargo build --release --offline --config ci/offline.toml && ./target/release/hello
