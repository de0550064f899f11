FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /source
COPY Billing.slnx Directory.Packages.props ./
COPY src/Billing.Api/Billing.Api.csproj src/Billing.Api/packages.lock.json \
    ./src/Billing.Api/
COPY src/Billing.Domain/Billing.Domain.fsproj \
    src/Billing.Domain/packages.lock.json ./src/Billing.Domain/
RUN dotnet restore Billing.slnx --locked-mode
COPY . .
RUN dotnet publish src/Billing.Api -c Release -o /out --no-restore
