# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
WORKDIR C:/app
COPY . .
RUN npm ci
