FROM scratch
COPY . /app
