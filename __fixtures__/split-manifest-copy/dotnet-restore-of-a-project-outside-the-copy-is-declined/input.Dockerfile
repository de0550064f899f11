FROM mcr.microsoft.com/dotnet/sdk:8.0
WORKDIR /build
COPY Build.proj ./
COPY src/ ./src/
RUN dotnet restore Build.proj
RUN dotnet build Build.proj --no-restore
