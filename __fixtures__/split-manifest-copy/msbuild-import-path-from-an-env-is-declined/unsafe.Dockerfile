FROM mcr.microsoft.com/dotnet/sdk:8.0
ENV DirectoryBuildPropsPath=/src/build/ci.props
WORKDIR /src
COPY src/Api/Api.csproj ./src/Api/
RUN dotnet restore src/Api/Api.csproj
COPY . .
RUN dotnet publish src/Api/Api.csproj -c Release --no-restore -o /out
