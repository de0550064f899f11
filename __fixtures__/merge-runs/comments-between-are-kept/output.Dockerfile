FROM debian:12
RUN apt-get update && \
    # the runtime
    # and its tools
    apt-get install -y python3
CMD ["python3"]
