# LoyaltyHub server image (PostgreSQL, SMTP and the public URL come from the environment).
# There is no Docker engine on the development machines, so this file is kept correct by
# review: see README, "Decision notes".

# --- build ------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore from the project files alone, so the restore layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig LoyaltyHub.sln ./
COPY src/LoyaltyHub.Core/LoyaltyHub.Core.csproj src/LoyaltyHub.Core/
COPY src/LoyaltyHub.Migrations.Sqlite/LoyaltyHub.Migrations.Sqlite.csproj src/LoyaltyHub.Migrations.Sqlite/
COPY src/LoyaltyHub.Migrations.Postgres/LoyaltyHub.Migrations.Postgres.csproj src/LoyaltyHub.Migrations.Postgres/
COPY src/LoyaltyHub.Web/LoyaltyHub.Web.csproj src/LoyaltyHub.Web/
RUN dotnet restore src/LoyaltyHub.Web/LoyaltyHub.Web.csproj

COPY src/ src/
RUN dotnet publish src/LoyaltyHub.Web/LoyaltyHub.Web.csproj -c Release -o /app --no-restore

# --- run --------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Database__Provider=Postgres
# Required at run time: ConnectionStrings__Default, App__PublicBaseUrl, Smtp__Host (+ credentials).
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "LoyaltyHub.Web.dll"]
