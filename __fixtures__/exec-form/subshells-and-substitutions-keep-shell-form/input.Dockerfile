FROM debian:12
CMD (cd /app && ./serve)
CMD echo $(date)
