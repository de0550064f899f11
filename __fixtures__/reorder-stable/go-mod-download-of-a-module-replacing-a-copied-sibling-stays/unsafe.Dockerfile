FROM debian:bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends golang-go ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src/app
COPY app/go.mod ./
RUN go mod download
COPY lib/ /src/lib/
COPY app/ ./
RUN go build -o /usr/local/bin/app .
CMD ["app"]
