FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends tftpd-hpa
COPY tftpboot/ /srv/tftp/
CMD ["in.tftpd", "--foreground", "--secure", "/srv/tftp"]
