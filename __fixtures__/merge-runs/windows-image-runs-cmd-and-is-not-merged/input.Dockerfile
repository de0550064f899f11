FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
RUN echo one
RUN echo two
