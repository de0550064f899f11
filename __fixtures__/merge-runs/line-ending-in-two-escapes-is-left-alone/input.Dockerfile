FROM debian:bookworm
RUN >/etc/share-root echo C:\\
RUN echo b > /b
