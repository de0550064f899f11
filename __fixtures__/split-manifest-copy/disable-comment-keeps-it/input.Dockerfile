FROM node:20
WORKDIR /app
COPY . .
# layerfix-disable-next-line split-manifest-copy -- installs from a vendored cache
RUN npm ci
