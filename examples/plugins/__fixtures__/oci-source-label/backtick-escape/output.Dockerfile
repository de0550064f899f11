# escape=`
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
LABEL org.opencontainers.image.source="https://example.com/a`"b`$c``d"
RUN echo hi
