FROM debian:12
RUN for f in a b; do touch /$f; done
RUN echo $f
