FROM debian:bookworm
WORKDIR /app
COPY . .
RUN ls > /tmp/listing
