FROM rust:1.77
WORKDIR /app
COPY Cargo.toml Cargo.lock ./
COPY .cargo/config.toml ./.cargo/
RUN cargo fetch
COPY . .
