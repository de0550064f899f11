FROM mcr.microsoft.com/dotnet/sdk:8.0
WORKDIR /app
COPY . ./
RUN dotnet restore && dotnet publish -c Release -o out --no-restore
ENTRYPOINT ["dotnet", "out/Worker.dll"]
