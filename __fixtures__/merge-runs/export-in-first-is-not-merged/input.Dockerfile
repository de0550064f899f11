FROM debian:12
RUN export PATH=/opt/bin:$PATH && tool --version
RUN tool build
