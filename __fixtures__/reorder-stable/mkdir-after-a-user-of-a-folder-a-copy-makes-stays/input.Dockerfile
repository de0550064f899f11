FROM debian:bookworm
RUN useradd -m app
USER app
WORKDIR /home/app/src
COPY . .
COPY config.toml /home/app/.config/tool/config.toml
RUN mkdir -p /home/app/.config /home/app/.cache
CMD ["bash"]
