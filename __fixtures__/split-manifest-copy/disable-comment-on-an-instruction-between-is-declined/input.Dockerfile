FROM node:20
WORKDIR /app
COPY . .
# layerfix-disable-next-line split-manifest-copy -- must follow the copy
ENV NPM_CONFIG_LOGLEVEL=warn
RUN npm ci
