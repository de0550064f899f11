FROM perl:5.40-slim
WORKDIR /myapp
COPY server.pl .
CMD ["perl", "server.pl"]
