FROM node:20
ENV HOME=/srv
WORKDIR /srv/app
COPY . /srv
RUN npm ci
CMD ["node", "index.js"]
