FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends nodejs yarnpkg && \
    ln -s /usr/bin/yarnpkg /usr/local/bin/yarn
WORKDIR /app
COPY package.json yarn.lock .yarnrc /app/
RUN yarn install --frozen-lockfile
COPY . /app
