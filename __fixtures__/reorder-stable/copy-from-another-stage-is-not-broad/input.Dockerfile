FROM debian:12 AS build
RUN make
FROM debian:12
COPY --from=build /out /app
RUN apt-get install -y curl
