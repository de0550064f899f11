FROM debian:bookworm-slim AS build
RUN mkdir /out && echo built > /out/app.txt

FROM debian:bookworm-slim
RUN useradd --create-home app
COPY --from=build /out /app
RUN chown -R app:app /app
