ARG BASE_IMAGE=debian:bookworm-slim
FROM ${BASE_IMAGE}
WORKDIR app
RUN pwd > /where
