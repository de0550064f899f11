FROM golang:1.22
# stand-in for proxy.golang.org (no network here): a file proxy outside the app folder
COPY goproxy /srv/goproxy
ENV GOPROXY=file:///srv/goproxy GOSUMDB=off
WORKDIR /app
COPY go.mod go.sum /app/
RUN go mod download
COPY . /app
RUN go build -o /usr/local/bin/hello . && hello
