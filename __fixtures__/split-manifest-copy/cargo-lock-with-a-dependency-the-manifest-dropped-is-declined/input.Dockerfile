FROM rust:1
WORKDIR /app
COPY . /app
RUN cargo fetch
RUN cargo build --release --frozen && cp target/release/hello /usr/local/bin/
