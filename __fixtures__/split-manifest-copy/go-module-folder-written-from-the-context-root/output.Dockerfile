FROM golang:1.22
WORKDIR /app
COPY services/oidc/app/go.mod services/oidc/app/go.sum ./
RUN go mod download
# The source is read from the context root, with or without the leading slash; `app/.` is the folder's content.
COPY /services/oidc/app/. .
RUN go build -o server ./cmd/server
CMD ["/app/server"]
