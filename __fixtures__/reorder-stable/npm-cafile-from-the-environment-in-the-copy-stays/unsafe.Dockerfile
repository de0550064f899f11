FROM node:20
# the corporate proxy's root CA, kept in the repository (here: a stand-in self-signed root)
ENV NPM_CONFIG_CAFILE=/app/certs/ca-bundle.pem
WORKDIR /app
RUN npm install -g serve@14.2.4
COPY . /app
CMD ["serve", "-s", "public"]
