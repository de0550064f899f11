FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY Shop.sln Directory.Build.props NuGet.config global.json ./
COPY src/Api/Api.csproj ./src/Api/
COPY src/Core/Core.csproj ./src/Core/
COPY tests/Core.Tests/Core.Tests.csproj ./tests/Core.Tests/
RUN dotnet restore Shop.sln
COPY . .
RUN dotnet publish src/Api/Api.csproj -c Release -o /app/publish --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:8.0
WORKDIR /app
COPY --from=build /app/publish .
ENTRYPOINT ["dotnet", "Api.dll"]
