FROM debian:12
RUN echo "first line   \
      second part"
