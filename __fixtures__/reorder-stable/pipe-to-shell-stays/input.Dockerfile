FROM debian:12
WORKDIR /app
COPY . .
RUN curl -fsSL https://example.com/install.sh | sh
