ARG WINDOWS_BASE=mcr.microsoft.com/windows/servercore:ltsc2022
FROM ${WINDOWS_BASE} AS tools
RUN setx /M TOOLS C:\tools
RUN echo %TOOLS% > C:\tools.txt
