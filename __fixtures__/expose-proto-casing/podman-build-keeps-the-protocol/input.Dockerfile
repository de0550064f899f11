FROM debian:bookworm-slim
EXPOSE 5060/UDP 5061/TCP
CMD ["sleep", "infinity"]
