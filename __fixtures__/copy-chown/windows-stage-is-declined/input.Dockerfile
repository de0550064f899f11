FROM mcr.microsoft.com/windows/servercore:ltsc2022
COPY . C:/app
RUN chown -R app:app C:/app
