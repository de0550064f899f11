FROM rust:1.77
WORKDIR /app
COPY Cargo.toml Cargo.lock ./
COPY benches/speed.rs ./benches/
COPY src/lib.rs ./src/
RUN cargo fetch --locked
COPY . .
