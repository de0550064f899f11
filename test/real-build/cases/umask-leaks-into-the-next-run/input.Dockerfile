FROM debian:bookworm
RUN umask 077
RUN mkdir /shared && echo hello > /shared/greeting
