FROM debian:bookworm-slim
WORKDIR app/
RUN pwd > /where
