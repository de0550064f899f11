FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /app

COPY Directory.Build.props NuGet.config global.json ./
COPY src/Api/Api.csproj ./src/Api/
COPY src/Core/Core.csproj ./src/Core/
WORKDIR /app/src/Api
RUN dotnet restore
WORKDIR /app
COPY . .
WORKDIR /app/src/Api

RUN dotnet publish -c Release -o out --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:8.0
WORKDIR /app
COPY --from=build /app/src/Api/out ./
ENTRYPOINT ["dotnet", "Api.dll"]
