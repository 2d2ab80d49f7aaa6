# syntax=docker/dockerfile:1
# Multi-stage image of the CleanVisitors API:  docker build -t cleanvisitors-api .
# The SDK image must carry an SDK that global.json accepts (10.0.401 or a later feature band).
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
# Restore first, from the project and central package files only, so that this layer stays cached
# until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Domain/CleanVisitors.Domain.csproj src/Domain/
COPY src/Application/CleanVisitors.Application.csproj src/Application/
COPY src/Infrastructure/CleanVisitors.Infrastructure.csproj src/Infrastructure/
COPY src/Api/CleanVisitors.Api.csproj src/Api/
RUN dotnet restore src/Api/CleanVisitors.Api.csproj --use-current-runtime
COPY src/ src/
# ReadyToRun (ahead-of-time compiled) for the image's own architecture: see src/Api/CleanVisitors.Api.csproj.
RUN dotnet publish src/Api/CleanVisitors.Api.csproj -c Release -o /app --no-restore --use-current-runtime --self-contained false -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
# curl for the HEALTHCHECK only.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# Photos on disk (BLOB_STORAGE_PATH); the only place the app writes to.
RUN mkdir -p /app/data/blobs && chown -R "$APP_UID" /app/data
# PORT decides the port; the base image's ASPNETCORE_HTTP_PORTS (8080) is cleared, since a set one would win over PORT.
ENV PORT=8000 \
    ASPNETCORE_HTTP_PORTS= \
    BLOB_STORAGE_PATH=/app/data/blobs
EXPOSE 8000 9464
# The non-root "app" user of the .NET 8+ images (uid 1654), by number so that runAsNonRoot can check it.
USER $APP_UID
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS "http://localhost:${PORT:-8000}/health/live" >/dev/null || exit 1
ENTRYPOINT ["dotnet", "CleanVisitors.Api.dll"]
