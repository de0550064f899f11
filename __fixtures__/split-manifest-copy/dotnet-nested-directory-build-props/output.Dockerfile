FROM mcr.microsoft.com/dotnet/sdk:8.0
WORKDIR /repo
COPY Directory.Build.props ./
COPY src/Directory.Build.props src/Directory.Build.targets ./src/
COPY src/Api/Api.csproj ./src/Api/
COPY src/build/Signing.targets ./src/build/
RUN dotnet restore src/Api/Api.csproj
COPY . .
RUN dotnet build src/Api/Api.csproj --no-restore
