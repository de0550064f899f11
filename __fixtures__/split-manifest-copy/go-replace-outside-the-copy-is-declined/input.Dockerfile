FROM golang:1.22
WORKDIR /src
COPY service/ .
RUN go mod download
