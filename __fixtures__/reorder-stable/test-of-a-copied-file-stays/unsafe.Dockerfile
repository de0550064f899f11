FROM debian:bookworm
# Fail early when the bundle was not built before docker build
RUN test -f /app/dist/index.js
COPY . /app
CMD ["sh", "-c", "cat /app/dist/index.js"]
