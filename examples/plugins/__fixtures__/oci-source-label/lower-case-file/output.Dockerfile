from alpine:3.20
label org.opencontainers.image.source="https://github.com/acme/tools"
run echo hi
