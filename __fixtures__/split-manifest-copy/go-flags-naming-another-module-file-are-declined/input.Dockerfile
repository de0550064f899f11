FROM golang:1.22
WORKDIR /src
ENV GOFLAGS=-modfile=go.prod.mod
COPY . .
RUN go mod download
