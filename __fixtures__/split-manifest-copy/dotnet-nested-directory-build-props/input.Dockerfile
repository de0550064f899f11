FROM mcr.microsoft.com/dotnet/sdk:8.0
WORKDIR /repo
COPY . .
RUN dotnet restore src/Api/Api.csproj
RUN dotnet build src/Api/Api.csproj --no-restore
