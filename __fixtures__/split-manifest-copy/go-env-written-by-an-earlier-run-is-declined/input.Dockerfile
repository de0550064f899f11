FROM golang:1.22
COPY third_party/goproxy /srv/goproxy
RUN go env -w GOPROXY=file:///srv/goproxy GOSUMDB=off GOFLAGS=-modfile=go.docker.mod
WORKDIR /app
COPY . /app
RUN go mod download
RUN go build -o /usr/local/bin/hello . && hello
