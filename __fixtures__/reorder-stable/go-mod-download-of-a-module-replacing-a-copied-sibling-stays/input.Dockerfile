FROM debian:bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends golang-go ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src/app
COPY app/go.mod ./
COPY lib/ /src/lib/
RUN go mod download
COPY app/ ./
RUN go build -o /usr/local/bin/app .
CMD ["app"]
