#!/usr/bin/env bash
# Packs every package of the project into artifacts/packages (or the folder given): Volara.Dsl (the runtime with the
# task generator, analyzers and code fixes inside), Volara.Workers, Volara.Predict, the volara tool and Volara.Templates,
# with symbols.
# The version is the one in Directory.Build.props; `scripts/pack.sh DIR -p:Version=1.2.3` overrides it.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/packages}"
shift || true
dotnet build Volara.Dsl.sln -c Release -nologo -v q
for project in src/Runtime/Volara.Runtime.csproj src/Workers/Volara.Workers.csproj src/Predict/Volara.Predict.csproj src/Cli/Volara.Cli.csproj templates/Volara.Templates.csproj; do
  dotnet pack "$project" -c Release --no-build -nologo -v q -o "$out" "$@"
done
ls -1 "$out"
