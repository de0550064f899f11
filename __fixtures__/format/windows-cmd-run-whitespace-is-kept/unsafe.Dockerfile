# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
RUN powershell -Command `
    $ErrorActionPreference = 'Stop'; `
    Invoke-WebRequest https://nodejs.org/dist/v20.11.1/node-v20.11.1-win-x64.zip -OutFile C:\node.zip; `
    Expand-Archive C:\node.zip -DestinationPath C:\; `
    Remove-Item C:\node.zip
RUN mkdir C:\app && `
    echo This image was built by the CI pipeline, `
         see README.md for details > C:\app\about.txt
WORKDIR C:\app
CMD ["cmd"]
