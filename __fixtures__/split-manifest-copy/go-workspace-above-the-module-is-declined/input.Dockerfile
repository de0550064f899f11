FROM golang:1.22
WORKDIR /app
COPY . .
RUN cd services/api && go mod download
