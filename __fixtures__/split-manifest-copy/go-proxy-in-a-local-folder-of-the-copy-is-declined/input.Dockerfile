FROM golang:1.22
# modules are served from a proxy folder committed with the project (offline, hermetic builds)
ENV GOPROXY=file:///app/third_party/goproxy GOSUMDB=off
WORKDIR /app
COPY . /app
RUN go mod download
RUN go build -o /usr/local/bin/hello . && hello
