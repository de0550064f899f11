FROM debian:12
RUN echo light\
ning && \
    echo done
