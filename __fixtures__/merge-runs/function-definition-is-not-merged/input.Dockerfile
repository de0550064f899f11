FROM debian:12
RUN greet() { echo hi; }; greet
RUN echo next
