FROM debian:bookworm
COPY tftpboot/ /srv/tftp/
RUN apt-get update && apt-get install -y --no-install-recommends tftpd-hpa
CMD ["in.tftpd", "--foreground", "--secure", "/srv/tftp"]
