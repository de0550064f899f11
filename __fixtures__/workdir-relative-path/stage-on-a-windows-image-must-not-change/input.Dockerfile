FROM golang:1.22-windowsservercore-ltsc2022 AS build

FROM build
WORKDIR app
