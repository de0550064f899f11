FROM debian:bookworm
RUN umask 077 && mkdir /shared && echo hello > /shared/greeting
