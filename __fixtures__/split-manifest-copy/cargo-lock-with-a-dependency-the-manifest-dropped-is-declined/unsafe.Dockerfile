FROM rust:1
WORKDIR /app
COPY Cargo.toml Cargo.lock /app/
COPY src/main.rs /app/src/
RUN cargo fetch
COPY . /app
RUN cargo build --release --frozen && cp target/release/hello /usr/local/bin/
