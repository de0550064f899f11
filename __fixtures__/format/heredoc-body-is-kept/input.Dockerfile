# syntax=docker/dockerfile:1
FROM debian:12
RUN <<EOF
    echo   indented   
	EOF-not-yet
EOF
