FROM debian:bookworm
WORKDIR /app
RUN ls > /tmp/listing
COPY . .
