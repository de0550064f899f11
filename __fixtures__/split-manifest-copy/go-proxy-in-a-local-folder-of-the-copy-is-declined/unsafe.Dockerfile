FROM golang:1.22
# modules are served from a proxy folder committed with the project (offline, hermetic builds)
ENV GOPROXY=file:///app/third_party/goproxy GOSUMDB=off
WORKDIR /app
COPY go.mod go.sum /app/
RUN go mod download
COPY . /app
RUN go build -o /usr/local/bin/hello . && hello
