FROM rust:1.79
WORKDIR /usr/src/relay
COPY Cargo.toml Cargo.lock ./
COPY src/main.rs ./src/
RUN cargo fetch
COPY . .
RUN cargo build --release --offline
