# Stage 1: fill Yarn's cache from the lockfile alone (cached until yarn.lock changes)
FROM node:20-bookworm AS cache
WORKDIR /src
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile

# Stage 2: install from that cache without the network, then build
FROM node:20-bookworm AS build
WORKDIR /app
COPY --from=cache /usr/local/share/.cache/yarn /usr/local/share/.cache/yarn
COPY . .
RUN yarn install --frozen-lockfile --offline && yarn build

CMD ["node", "build.js"]
