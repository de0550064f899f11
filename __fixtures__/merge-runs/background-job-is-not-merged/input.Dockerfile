FROM debian:12
RUN sleep 1 &
RUN echo next
