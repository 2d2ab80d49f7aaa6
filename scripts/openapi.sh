#!/usr/bin/env bash
# Writes the published contract, openapi/v1.json, from the code: builds the API, whose build runs the document
# generation (Microsoft.Extensions.ApiDescription.Server, see src/Api/OpenApi/DocumentGeneration.cs), and copies the
# document it wrote. Run it after changing a controller, a DTO or a validator, and commit the result: the tests fail
# while the served document and the committed one differ.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet build src/Api/CleanVisitors.Api.csproj -c Release --nologo -v quiet
mkdir -p openapi
cp src/Api/obj/CleanVisitors.Api.json openapi/v1.json
echo "openapi/v1.json written ($(wc -c <openapi/v1.json) bytes)"
