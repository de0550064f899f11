FROM debian:12
RUN wget -nv https://example.org/a && wget --progress=bar:force https://example.org/b && wget -o /dev/null https://example.org/c
