FROM debian:bookworm
ARG GIT_SHA=unknown
WORKDIR /app
RUN useradd --system --no-create-home app
COPY . /app
LABEL org.opencontainers.image.revision=$GIT_SHA \
      org.opencontainers.image.version=$GIT_SHA
# the release this branch builds
LABEL org.opencontainers.image.version="2.3.1"
USER app
CMD ["/app/start.sh"]
