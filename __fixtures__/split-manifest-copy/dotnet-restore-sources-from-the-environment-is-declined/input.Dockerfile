FROM mcr.microsoft.com/dotnet/sdk:8.0
WORKDIR /src
ENV RestoreSources=/src/feed
COPY . .
RUN dotnet restore Api/Api.csproj
