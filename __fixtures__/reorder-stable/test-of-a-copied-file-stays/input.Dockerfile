FROM debian:bookworm
COPY . /app
# Fail early when the bundle was not built before docker build
RUN test -f /app/dist/index.js
CMD ["sh", "-c", "cat /app/dist/index.js"]
