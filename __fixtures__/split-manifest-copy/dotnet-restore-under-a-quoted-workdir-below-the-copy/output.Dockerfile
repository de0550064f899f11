FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR "/src"
COPY Directory.Build.props NuGet.config global.json ./
COPY src/Api/Api.csproj ./src/Api/
COPY src/Core/Core.csproj ./src/Core/
# Visual Studio writes the project folder in quotes
WORKDIR "/src/src/Api"
RUN dotnet restore "Api.csproj"
WORKDIR /src
COPY . .
WORKDIR "/src/src/Api"

RUN dotnet publish "Api.csproj" -c Release -o /app/publish --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:8.0
WORKDIR /app
COPY --from=build /app/publish .
ENTRYPOINT ["dotnet", "Api.dll"]
