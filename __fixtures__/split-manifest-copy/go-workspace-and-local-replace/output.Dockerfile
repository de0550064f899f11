FROM golang:1.22
WORKDIR /src
COPY go.work go.work.sum ./
COPY api/go.mod api/go.sum ./api/
COPY lib/go.mod ./lib/
COPY proto/go.mod ./proto/
RUN go mod download
COPY . .
