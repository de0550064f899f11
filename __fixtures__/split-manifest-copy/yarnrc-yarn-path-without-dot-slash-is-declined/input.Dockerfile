FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends nodejs yarnpkg && \
    ln -s /usr/bin/yarnpkg /usr/local/bin/yarn
WORKDIR /app
COPY . /app
RUN yarn install --frozen-lockfile
