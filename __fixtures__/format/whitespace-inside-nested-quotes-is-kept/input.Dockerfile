FROM debian:bookworm
ARG RELEASE_NOTE

RUN printf '%s\n' "${RELEASE_NOTE:-"Development image: not for production use. \
See README.md for the release images."}" > /etc/motd

RUN echo "$(. /etc/os-release && echo "$PRETTY_NAME, built for \
the ACME CI runners")" > /etc/image-info

CMD ["cat", "/etc/motd", "/etc/image-info"]
