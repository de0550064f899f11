FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
CMD app.exe
