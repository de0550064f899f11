FROM debian:bookworm-slim
EXPOSE 5060/udp 5061/tcp
CMD ["sleep", "infinity"]
