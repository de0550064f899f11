FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR "/src"
COPY . .
# Visual Studio writes the project folder in quotes
WORKDIR "/src/src/Api"
RUN dotnet restore "Api.csproj"

RUN dotnet publish "Api.csproj" -c Release -o /app/publish --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:8.0
WORKDIR /app
COPY --from=build /app/publish .
ENTRYPOINT ["dotnet", "Api.dll"]
