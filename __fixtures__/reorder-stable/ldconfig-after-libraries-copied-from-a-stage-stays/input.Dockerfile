FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev
COPY src/ /src/
RUN mkdir -p /out/lib /out/bin \
 && gcc -shared -fPIC -Wl,-soname,libacme.so.1 -o /out/lib/libacme.so.1.0.0 /src/acme.c \
 && gcc -o /out/bin/acme /src/main.c /out/lib/libacme.so.1.0.0

FROM debian:bookworm
COPY --from=build /out/lib/ /usr/local/lib/
RUN ldconfig
COPY --from=build /out/bin/acme /usr/local/bin/acme
CMD ["acme"]
