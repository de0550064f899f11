FROM node:18
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci && mkdir -p /srv/www
COPY . .
RUN npm run build -- "$_"
CMD ["npx", "serve", "/srv/www"]
