FROM debian:bookworm
WORKDIR /app
COPY . /app
RUN cp --preserve /app/deploy/app.conf /etc/app.conf
