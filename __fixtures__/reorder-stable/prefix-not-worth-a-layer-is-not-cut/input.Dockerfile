FROM debian:bookworm
WORKDIR /src
COPY . .
# Cutting off the folder and the git setting would add a layer to save nothing worth it
RUN mkdir -p /var/cache/build && git config --global advice.detachedHead false && make
