FROM --platform=windows/amd64 golang:1.22
WORKDIR app
