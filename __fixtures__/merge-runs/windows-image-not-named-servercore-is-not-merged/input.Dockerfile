FROM microsoft/dotnet-framework:4.8-sdk
RUN setx /M DOTNET_CLI_TELEMETRY_OPTOUT 1
RUN echo %DOTNET_CLI_TELEMETRY_OPTOUT% > C:\telemetry.txt
