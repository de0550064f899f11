FROM debian:12
RUN test -f /done && exit 0; touch /done
RUN echo next
