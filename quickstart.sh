#!/usr/bin/env bash
# The main job on the embedded defaults: writes a synthetic volume, inspects it, and re-encodes it
# into a sharded Zarr v3 array with `volara copy`.
set -euo pipefail
cd "$(dirname "$0")"
out=$(realpath -m "${1:-quickstart-output}")
mkdir -p "$out" && rm -rf "$out/sample.zarr" "$out/logs"

dotnet build samples/Quickstart -c Release -nologo -v q >/dev/null
dotnet build src/Cli -c Release -nologo -v q >/dev/null
volara() { dotnet src/Cli/bin/Release/net10.0/volara.dll "$@"; }

dotnet samples/Quickstart/bin/Release/net10.0/Volara.Samples.Quickstart.dll "$out/sample.zarr"
volara info "$out/sample.zarr/raw"
volara copy "$out/sample.zarr/raw" "$out/sample.zarr/raw_v3" --format 3 --codec blosc-zstd --chunks 16,32,32 --shards 32,128,128 --overwrite
volara info "$out/sample.zarr/raw_v3" --json

# Blockwise processing: a threshold over the raw volume in two worker processes, then the same again,
# which skips every block already done.
cat > "$out/threshold.json" <<JSON
{
  "task_type": "threshold",
  "in_data": {"dataset_type": "raw", "store": "$out/sample.zarr/raw"},
  "mask": {"dataset_type": "labels", "store": "$out/sample.zarr/mask"},
  "threshold": 128,
  "block_size": [16, 64, 64],
  "execution": {"num_workers": 2}
}
JSON
volara run "$out/threshold.json" --log-dir "$out/logs"
volara run "$out/threshold.json" --log-dir "$out/logs"
volara info "$out/sample.zarr/mask"
