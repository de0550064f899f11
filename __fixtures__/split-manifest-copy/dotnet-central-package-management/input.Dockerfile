FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /source
COPY . .
RUN dotnet restore Billing.slnx --locked-mode
RUN dotnet publish src/Billing.Api -c Release -o /out --no-restore
