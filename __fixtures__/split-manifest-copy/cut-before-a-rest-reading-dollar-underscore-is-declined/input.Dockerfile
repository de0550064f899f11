FROM node:18
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
WORKDIR /app
COPY . .
RUN npm ci && mkdir -p /srv/www && npm run build -- "$_"
CMD ["npx", "serve", "/srv/www"]
