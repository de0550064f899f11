FROM debian:bookworm
RUN useradd -m app
USER app
WORKDIR /home/app/src
RUN mkdir -p /home/app/.config /home/app/.cache
COPY . .
COPY config.toml /home/app/.config/tool/config.toml
CMD ["bash"]
