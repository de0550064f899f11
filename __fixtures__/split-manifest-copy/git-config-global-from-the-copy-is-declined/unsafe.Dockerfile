FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
# A mirror of the team's repository (in real life, synced from the git server).
RUN mkdir -p /tmp/greet && cd /tmp/greet && git init -q && \
    echo '{"name":"greet","version":"1.0.0","main":"index.js"}' > package.json && \
    echo 'module.exports = "hello"' > index.js && git add . && \
    git -c user.email=ci@example.invalid -c user.name=ci commit -q -m init && \
    mkdir -p /opt/git-mirror/team && git clone -q --bare /tmp/greet /opt/git-mirror/team/greet.git && rm -rf /tmp/greet
ENV GIT_CONFIG_GLOBAL=/app/ci.gitconfig
WORKDIR /app
COPY package.json ./
RUN npm install
COPY . .
CMD ["node", "index.js"]
