FROM debian:bookworm
WORKDIR /app
RUN cp --preserve /app/deploy/app.conf /etc/app.conf
COPY . /app
