FROM debian:bookworm
RUN >/etc/share-root echo C:\\ && echo b > /b
