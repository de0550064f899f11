FROM mcr.microsoft.com/dotnet/sdk:8.0
WORKDIR /src
COPY . .
RUN dotnet tool restore
RUN dotnet ef migrations bundle -o /out/migrate
