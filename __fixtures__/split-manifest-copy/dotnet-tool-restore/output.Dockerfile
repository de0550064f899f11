FROM mcr.microsoft.com/dotnet/sdk:8.0
WORKDIR /src
COPY .config/dotnet-tools.json ./.config/
RUN dotnet tool restore
COPY . .
RUN dotnet ef migrations bundle -o /out/migrate
