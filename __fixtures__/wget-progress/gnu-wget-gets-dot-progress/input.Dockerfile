FROM debian:12
RUN wget https://example.org/a.tgz && wget -q https://example.org/b && wget -qO- https://example.org/c | sh
