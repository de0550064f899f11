FROM debian:12
RUN echo start
RUN cat > /etc/motd <<EOF
hello
EOF
