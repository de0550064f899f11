FROM golang:1.22
WORKDIR /app
# The source is read from the context root, with or without the leading slash; `app/.` is the folder's content.
COPY /services/oidc/app/. .
RUN go mod download
RUN go build -o server ./cmd/server
CMD ["/app/server"]
