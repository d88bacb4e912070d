#!/usr/bin/env bash
# Fault injection at length: the shipped segmentation pipeline in worker processes, its driver killed with SIGKILL at
# seeded random moments and run again, each rerun compared with an uninterrupted run (arrays, graph, look-up table).
#   scripts/kill-trials.sh [TRIALS=20] [SEED=20261207]
# A failure names its seed, trial and kill time; rerun with that seed to replay it. Needs a built solution
# (./test.sh or dotnet build -c Release).
set -euo pipefail
cd "$(dirname "$0")/.."
VOLARA_KILL_TRIALS="${1:-20}" VOLARA_KILL_SEED="${2:-20261207}" \
  dotnet test tests/Volara.Cli.Tests -c Release --no-build --filter "FullyQualifiedName~KillAndResumeTests"
