FROM debian:12
CMD cd /app
CMD exec -a app ./serve
