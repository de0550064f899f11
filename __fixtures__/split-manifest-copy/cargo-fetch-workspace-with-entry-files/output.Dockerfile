FROM rust:1.77
WORKDIR /usr/src/app
COPY Cargo.toml Cargo.lock rust-toolchain.toml ./
COPY crates/cli/Cargo.toml ./crates/cli/
COPY crates/cli/src/main.rs ./crates/cli/src/
COPY crates/core/Cargo.toml ./crates/core/
COPY crates/core/src/lib.rs ./crates/core/src/
RUN cargo fetch --locked
COPY . .
RUN cargo build --release --locked
