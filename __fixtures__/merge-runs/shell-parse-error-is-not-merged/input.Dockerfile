FROM debian:12
RUN echo $(broken
RUN echo next
