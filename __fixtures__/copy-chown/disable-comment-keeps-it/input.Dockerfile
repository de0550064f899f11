FROM debian:bookworm-slim
RUN useradd --create-home app
COPY . /app
# layerfix-disable-next-line copy-chown -- the image is compared byte for byte
RUN chown -R app:app /app
